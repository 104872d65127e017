// AlterConfigs (key 33), versions 0-2.
//
// Behaviour:
// - TOPIC resources: the given pairs replace the topic's overrides outright,
//   so any key not named reverts to the broker default (Kafka's semantics for
//   this legacy API; IncrementalAlterConfigs edits key by key). Null values
//   are left unset. Unknown names or bad values: INVALID_CONFIG, naming the
//   key and the accepted form. A missing topic: UNKNOWN_TOPIC_OR_PARTITION.
//   The new settings reach the partition logs at once (retention, segments).
// - validate_only checks everything and changes nothing.
// - BROKER and BROKER_LOGGER resources: INVALID_REQUEST, because this broker
//   has no dynamic broker configs (see alter-config-resource.ts).
// - A resource named twice in one request: INVALID_REQUEST for each copy.
//
// Version notes: v1 is v0 with throttling semantics; v2 is the first flexible
// version. The fields are the same in all three.
import { alterConfigResources } from '../config/alter-config-resource.js';
import { replaceTopicConfigs } from '../config/alter-topic-configs.js';
import type { AlterConfigsRequest, AlterConfigsResponse } from '../protocol/index.js';
import type { ApiHandler, BrokerCore, RequestContext } from './types.js';

export const alterConfigsHandler: ApiHandler<AlterConfigsRequest, AlterConfigsResponse, BrokerCore> = {
  apiKey: 33,
  name: 'AlterConfigs',
  minVersion: 0,
  maxVersion: 2,
  handle(request: AlterConfigsRequest, ctx: RequestContext<BrokerCore>): AlterConfigsResponse {
    const responses = alterConfigResources(ctx.core, request.resources, request.validateOnly, (resource) =>
      replaceTopicConfigs(resource.configs.map(({ name, value }) => ({ name, value }))));
    return { throttleTimeMs: 0, responses };
  },
};
