// DescribeConfigs (key 32), versions 1-4.
//
// Behaviour:
// - TOPIC (2): every topic config this broker knows, with the value in effect
//   and its source: DYNAMIC_TOPIC_CONFIG for a topic override,
//   STATIC_BROKER_CONFIG when server.properties sets the broker synonym,
//   DEFAULT_CONFIG otherwise. An illegal name: INVALID_TOPIC_EXCEPTION; a
//   missing topic: UNKNOWN_TOPIC_OR_PARTITION.
// - BROKER (4): named by our node id, every accepted server.properties key,
//   all read-only (no dynamic broker configs here). The empty name stands for
//   the cluster-wide dynamic defaults, of which there are none: an empty list.
//   Any other broker id: INVALID_REQUEST.
// - BROKER_LOGGER (8): our node id gets an empty list (there are no log4j
//   loggers to describe); another id INVALID_REQUEST, as in Kafka.
// - Other resource types: INVALID_REQUEST.
// - configuration_keys null = all; named keys we do not have are left out.
// - Synonyms only when include_synonyms is set; documentation only when
//   include_documentation is set (v3+). Nothing is sensitive.
//
// Version notes: v0 (is_default instead of config_source) is not served, as
// in Kafka 4. v1 adds include_synonyms, config_source and synonyms; v2 is the
// same as v1; v3 adds include_documentation, config_type and documentation;
// v4 is the first flexible version.
import { ConfigResourceType } from '../config/alter-config-resource.js';
import type { ConfigEntryDescription } from '../config/config-entry.js';
import { describeBrokerConfig } from '../config/describe-broker-config.js';
import { describeTopicConfig } from '../config/topic-config.js';
import { validateTopicName } from '../config/topic-names.js';
import { ErrorCode } from '../protocol/error-codes.js';
import type { DescribeConfigsRequest, DescribeConfigsResponse } from '../protocol/index.js';
import type { ApiHandler, BrokerCore, RequestContext } from './types.js';

type Resource = DescribeConfigsRequest['resources'][number];
type ResourceResult = DescribeConfigsResponse['results'][number];
type ConfigResult = ResourceResult['configs'][number];

const FIRST_VERSION_WITH_DOCUMENTATION = 3;

type Lookup = { entries: ConfigEntryDescription[] } | { errorCode: number; errorMessage: string };

function lookUp(resource: Resource, core: BrokerCore): Lookup {
  const { resourceType, resourceName } = resource;
  const ownId = String(core.config.nodeId);
  switch (resourceType) {
    case ConfigResourceType.TOPIC: {
      const invalid = validateTopicName(resourceName);
      if (invalid !== null) return { errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION, errorMessage: invalid };
      const topic = core.logs.topic(resourceName);
      if (!topic) return { errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, errorMessage: `Topic ${resourceName} does not exist.` };
      return { entries: describeTopicConfig(core.config, topic.configs) };
    }
    case ConfigResourceType.BROKER:
      if (resourceName === '') return { entries: [] };
      if (resourceName === ownId) return { entries: describeBrokerConfig(core.config) };
      return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `This is broker ${ownId}; it cannot describe broker "${resourceName}".` };
    case ConfigResourceType.BROKER_LOGGER:
      if (resourceName === ownId) return { entries: [] };
      return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `This is broker ${ownId}; it cannot describe the loggers of broker "${resourceName}".` };
    default:
      return { errorCode: ErrorCode.INVALID_REQUEST, errorMessage: `Resource type ${resourceType} is not supported; use TOPIC (2), BROKER (4) or BROKER_LOGGER (8).` };
  }
}

function toConfigResult(entry: ConfigEntryDescription, request: DescribeConfigsRequest, apiVersion: number): ConfigResult {
  const result: ConfigResult = {
    name: entry.name,
    value: entry.value,
    readOnly: entry.readOnly,
    configSource: entry.source,
    isSensitive: entry.isSensitive,
    synonyms: request.includeSynonyms ? entry.synonyms.map(({ name, value, source }) => ({ name, value, source })) : [],
  };
  if (apiVersion >= FIRST_VERSION_WITH_DOCUMENTATION) {
    result.configType = entry.configType;
    result.documentation = request.includeDocumentation ? entry.documentation : null;
  }
  return result;
}

export const describeConfigsHandler: ApiHandler<DescribeConfigsRequest, DescribeConfigsResponse, BrokerCore> = {
  apiKey: 32,
  name: 'DescribeConfigs',
  minVersion: 1,
  maxVersion: 4,
  handle(request: DescribeConfigsRequest, ctx: RequestContext<BrokerCore>): DescribeConfigsResponse {
    const results = request.resources.map((resource): ResourceResult => {
      const { resourceType, resourceName, configurationKeys } = resource;
      const found = lookUp(resource, ctx.core);
      if (!('entries' in found)) return { ...found, resourceType, resourceName, configs: [] };
      const wanted = configurationKeys === null ? null : new Set(configurationKeys);
      const configs = found.entries
        .filter((entry) => wanted === null || wanted.has(entry.name))
        .map((entry) => toConfigResult(entry, request, ctx.apiVersion));
      return { errorCode: ErrorCode.NONE, errorMessage: null, resourceType, resourceName, configs };
    });
    return { throttleTimeMs: 0, results };
  },
};
