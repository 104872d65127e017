// IncrementalAlterConfigs (key 44), versions 0-1.
//
// Behaviour:
// - TOPIC resources, one operation per key: SET (0) sets the override (a null
//   value deletes it, as Kafka's controller does); DELETE (1) removes it, so
//   the broker default applies again; APPEND (2) and SUBTRACT (3) add or
//   remove items of list configs such as cleanup.policy, starting from the
//   value in effect. APPEND/SUBTRACT on a non-list config, unknown names and
//   bad resulting values: INVALID_CONFIG with a message. An unknown operation
//   or a key named twice: INVALID_REQUEST. A missing topic:
//   UNKNOWN_TOPIC_OR_PARTITION. The result reaches the partition logs at once.
// - validate_only checks everything and changes nothing.
// - BROKER and BROKER_LOGGER resources: INVALID_REQUEST (no dynamic broker
//   configs here; see alter-config-resource.ts).
// - A resource named twice in one request: INVALID_REQUEST for each copy.
//
// Version notes: v1 is the first flexible version; the fields are the same.
import { alterConfigResources } from '../config/alter-config-resource.js';
import { applyIncrementalTopicConfigs } from '../config/alter-topic-configs.js';
import type { IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponse } from '../protocol/index.js';
import type { ApiHandler, BrokerCore, RequestContext } from './types.js';

export const incrementalAlterConfigsHandler: ApiHandler<IncrementalAlterConfigsRequest, IncrementalAlterConfigsResponse, BrokerCore> = {
  apiKey: 44,
  name: 'IncrementalAlterConfigs',
  minVersion: 0,
  maxVersion: 1,
  handle(request: IncrementalAlterConfigsRequest, ctx: RequestContext<BrokerCore>): IncrementalAlterConfigsResponse {
    const { core } = ctx;
    const responses = alterConfigResources(core, request.resources, request.validateOnly, (resource, topic) =>
      applyIncrementalTopicConfigs(
        core.config,
        topic.configs,
        resource.configs.map(({ name, configOperation, value }) => ({ name, operation: configOperation, value })),
      ));
    return { throttleTimeMs: 0, responses };
  },
};
