// FindCoordinator (key 10), versions 0-4.
//
// Behaviour:
// - A single node coordinates every group, so a group key (key_type 0) is
//   always answered with this node at its advertised address.
// - Transactions are not offered, yet a transaction key (key_type 1) is still
//   answered with this node: the client's next step, InitProducerId with a
//   transactional id, is refused with a fatal error every client reports
//   clearly (see 22-init-producer-id.ts). Refusing here instead makes kafkajs
//   and Java retry for seconds and end with a vague "coordinator not found".
// - Any other key_type is INVALID_REQUEST.
// - librdkafka 2.0.2 enables lz4 (and the balanced consumer) only when this API
//   is advertised from v0, so the range must start at 0.
//
// Version notes: v1 adds key_type, throttle_time_ms and error_message; v3 is
// the first flexible version; v4 batches keys (coordinator_keys in, one
// coordinators entry per key out) and drops the single-key fields.
import { ErrorCode } from '../protocol/error-codes.js';
import type { FindCoordinatorRequest, FindCoordinatorResponse, FindCoordinatorResponseCoordinator } from '../protocol/index.js';
import type { ApiHandler, BrokerCore, RequestContext } from './types.js';

const GROUP_KEY = 0;
const TRANSACTION_KEY = 1;
const FIRST_BATCHED_VERSION = 4;
const FIRST_VERSION_WITH_ERROR_MESSAGE = 1;

function lookUp(key: string, keyType: number, core: BrokerCore): FindCoordinatorResponseCoordinator {
  const found = { key, nodeId: core.config.nodeId, host: core.advertised.host, port: core.advertised.port, errorCode: ErrorCode.NONE, errorMessage: null };
  if (keyType === GROUP_KEY || keyType === TRANSACTION_KEY) return found;
  const refused = { key, nodeId: -1, host: '', port: -1 };
  return { ...refused, errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Unknown key_type ${keyType}; expected 0 (group) or 1 (transaction).` };
}

export const findCoordinatorHandler: ApiHandler<FindCoordinatorRequest, FindCoordinatorResponse, BrokerCore> = {
  apiKey: 10,
  name: 'FindCoordinator',
  minVersion: 0,
  maxVersion: 4,
  handle(request: FindCoordinatorRequest, ctx: RequestContext<BrokerCore>): FindCoordinatorResponse {
    const { apiVersion, core } = ctx;
    const keyType = request.keyType ?? GROUP_KEY;
    if (apiVersion >= FIRST_BATCHED_VERSION) {
      return { throttleTimeMs: 0, coordinators: (request.coordinatorKeys ?? []).map((key) => lookUp(key, keyType, core)) };
    }
    const { nodeId, host, port, errorCode, errorMessage } = lookUp(request.key ?? '', keyType, core);
    const response: FindCoordinatorResponse = { errorCode, nodeId, host, port };
    if (apiVersion >= FIRST_VERSION_WITH_ERROR_MESSAGE) Object.assign(response, { throttleTimeMs: 0, errorMessage });
    return response;
  },
};
