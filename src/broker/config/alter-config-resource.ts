// What AlterConfigs and IncrementalAlterConfigs do with one resource: check
// it, compute the topic's new overrides, and apply them unless validate_only.
// The two handlers differ only in how the new overrides are computed.
import type { BrokerCore } from '../handlers/types.js';
import { ErrorCode } from '../protocol/error-codes.js';
import type { TopicMetadata } from '../storage/types.js';
import type { AlterOutcome } from './alter-topic-configs.js';
import { validateTopicName } from './topic-names.js';

/** DescribeConfigs / AlterConfigs resource_type codes. */
export const ConfigResourceType = { UNKNOWN: 0, TOPIC: 2, BROKER: 4, BROKER_LOGGER: 8 } as const;

export interface ResourceOutcome {
  readonly errorCode: number;
  readonly errorMessage: string | null;
}

const OK: ResourceOutcome = { errorCode: ErrorCode.NONE, errorMessage: null };

function failure(errorCode: number, errorMessage: string): ResourceOutcome {
  return { errorCode, errorMessage };
}

/**
 * Every broker key is read-only here. Kafka answers INVALID_REQUEST when asked
 * to change a broker config it cannot update dynamically, so we do the same
 * and say how the setting is changed instead.
 */
function refuseBrokerChange(resourceType: number): ResourceOutcome {
  const what = resourceType === ConfigResourceType.BROKER_LOGGER ? 'Broker log levels' : 'Dynamic broker configs';
  return failure(
    ErrorCode.INVALID_REQUEST,
    `${what} are not supported by this broker; broker settings are fixed at startup (the config option of startBroker, or -c key=value on the command line).`,
  );
}

export interface ConfigResourceRef {
  readonly resourceType: number;
  readonly resourceName: string;
}

/**
 * One outcome per resource, in request order. A resource named twice gets
 * INVALID_REQUEST for each copy, as in Kafka, since the two changes conflict.
 */
export function alterConfigResources<Resource extends ConfigResourceRef>(
  core: BrokerCore,
  resources: readonly Resource[],
  validateOnly: boolean,
  newTopicConfigs: (resource: Resource, topic: TopicMetadata) => AlterOutcome,
): (ResourceOutcome & ConfigResourceRef)[] {
  const keyOf = ({ resourceType, resourceName }: ConfigResourceRef) => `${resourceType}:${resourceName}`;
  const counts = new Map<string, number>();
  for (const resource of resources) counts.set(keyOf(resource), (counts.get(keyOf(resource)) ?? 0) + 1);
  return resources.map((resource) => {
    const { resourceType, resourceName } = resource;
    const outcome = counts.get(keyOf(resource))! > 1
      ? failure(ErrorCode.INVALID_REQUEST, `Resource ${resourceName} (type ${resourceType}) appears more than once in the request.`)
      : alterConfigResource(core, resource, validateOnly, (topic) => newTopicConfigs(resource, topic));
    return { ...outcome, resourceType, resourceName };
  });
}

function alterConfigResource(
  core: BrokerCore,
  { resourceType, resourceName }: ConfigResourceRef,
  validateOnly: boolean,
  newTopicConfigs: (topic: TopicMetadata) => AlterOutcome,
): ResourceOutcome {
  if (resourceType === ConfigResourceType.BROKER || resourceType === ConfigResourceType.BROKER_LOGGER) {
    return refuseBrokerChange(resourceType);
  }
  if (resourceType !== ConfigResourceType.TOPIC) {
    return failure(ErrorCode.INVALID_REQUEST, `Resource type ${resourceType} has no configs here; only topics (2) can be altered.`);
  }
  const invalidName = validateTopicName(resourceName);
  if (invalidName !== null) return failure(ErrorCode.INVALID_TOPIC_EXCEPTION, invalidName);
  const topic = core.logs.topic(resourceName);
  if (!topic) return failure(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, `Topic ${resourceName} does not exist.`);

  const outcome = newTopicConfigs(topic);
  if (!outcome.ok) {
    return failure(outcome.reason === 'invalid-config' ? ErrorCode.INVALID_CONFIG : ErrorCode.INVALID_REQUEST, outcome.message);
  }
  if (validateOnly) return OK;
  try {
    core.logs.setTopicConfigs(resourceName, outcome.configs);
  } catch (error) {
    core.logger.error('could not store topic configs', { topic: resourceName, error: String(error) });
    return failure(ErrorCode.UNKNOWN_SERVER_ERROR, `Could not store the configs of ${resourceName}: ${error instanceof Error ? error.message : String(error)}`);
  }
  core.logger.info('topic configs changed', { topic: resourceName, configs: outcome.configs });
  return OK;
}
