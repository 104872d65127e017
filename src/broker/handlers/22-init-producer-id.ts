// InitProducerId (key 22), versions 0-4.
//
// Behaviour:
// - Idempotent producers (null transactional_id) always get a fresh producer
//   id with epoch 0, as Kafka 3.9's transaction coordinator does: without a
//   transactional id there is nothing to recover, so even a v3+ request that
//   names its current producer id and epoch (a producer re-initialising after
//   UNKNOWN_PRODUCER_ID) gets a new id rather than a bumped epoch. Epoch bumps
//   of idempotent producers happen on the client and are accepted by the
//   Produce sequence checks (a higher epoch starting at sequence 0).
// - As in Kafka, a v3+ request that sets only one of producer_id and
//   producer_epoch is INVALID_REQUEST; transaction_timeout_ms is not checked
//   for idempotent producers.
// - Transactions are not offered. A non-null transactional_id gets
//   TRANSACTIONAL_ID_AUTHORIZATION_FAILED: this broker allows no transactional
//   id, and that is the one code Java, librdkafka and kafkajs all treat as
//   fatal at once ("Transactional Id authorization failed"). Codes that read
//   better (INVALID_REQUEST, UNSUPPORTED_VERSION) make librdkafka retry
//   silently every 500 ms until init_transactions times out. The broker logs
//   the real reason. FindCoordinator names this node for transaction keys so
//   that Java and kafkajs get here at once instead of retrying; librdkafka
//   never does, because it wants the transaction APIs in ApiVersions first.
// - If the next block of producer ids cannot be persisted, the answer is
//   UNKNOWN_SERVER_ERROR rather than an id that might be handed out again.
//
// Version notes: v1 is v0 again (throttling behaviour); v2 is flexible; v3
// adds producer_id / producer_epoch (KIP-360); v4 lets the coordinator answer
// PRODUCER_FENCED. v5 (KIP-890 transactions) is not offered.
import type { Decoded, InitProducerIdRequest, InitProducerIdResponse } from '../protocol/index.js';
import { ErrorCode } from '../protocol/error-codes.js';
import type { ApiHandler, BrokerCore, RequestContext } from './types.js';

const NO_PRODUCER_ID = -1n;
const NO_PRODUCER_EPOCH = -1;

function refused(errorCode: number): InitProducerIdResponse {
  return { throttleTimeMs: 0, errorCode, producerId: NO_PRODUCER_ID, producerEpoch: NO_PRODUCER_EPOCH };
}

export const initProducerIdHandler: ApiHandler<Decoded<InitProducerIdRequest>, InitProducerIdResponse, BrokerCore> = {
  apiKey: 22,
  name: 'InitProducerId',
  minVersion: 0,
  maxVersion: 4,
  handle(request: Decoded<InitProducerIdRequest>, ctx: RequestContext<BrokerCore>): InitProducerIdResponse {
    const { core } = ctx;
    const producerId = request.producerId ?? NO_PRODUCER_ID;
    const producerEpoch = request.producerEpoch ?? NO_PRODUCER_EPOCH;
    if ((producerId === NO_PRODUCER_ID) !== (producerEpoch === NO_PRODUCER_EPOCH)) return refused(ErrorCode.INVALID_REQUEST);
    if (request.transactionalId !== null) {
      core.logger.info('refused InitProducerId for a transactional producer: this broker does not support transactions', {
        transactionalId: request.transactionalId,
        clientId: ctx.connection.clientId,
      });
      return refused(ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED);
    }
    try {
      return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, producerId: core.producerIds.allocate(), producerEpoch: 0 };
    } catch (error) {
      core.logger.error('could not reserve producer ids', { error: error instanceof Error ? error.message : String(error) });
      return refused(ErrorCode.UNKNOWN_SERVER_ERROR);
    }
  },
};
