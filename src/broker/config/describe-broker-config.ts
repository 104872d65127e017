// DescribeConfigs of the BROKER resource: every accepted server.properties key
// with the value this broker started with and where it came from.
import { BROKER_CONFIG_DEFINITIONS } from './broker-config-definitions.js';
import type { ConfigEntryDescription, ConfigSynonymDescription } from './config-entry.js';
import { CONFIG_TYPE_CODES, ConfigSource } from './config-values.js';
import type { BrokerConfig } from './types.js';

export function describeBrokerConfig(broker: BrokerConfig): ConfigEntryDescription[] {
  return BROKER_CONFIG_DEFINITIONS.map((definition) => {
    const given = definition.sensitive ? undefined : broker.overrides[definition.name];
    const isSet = broker.overrides[definition.name] !== undefined;
    const synonyms: ConfigSynonymDescription[] = [];
    if (given !== undefined) synonyms.push({ name: definition.name, value: given, source: ConfigSource.STATIC_BROKER_CONFIG });
    if (definition.defaultValue !== null) {
      synonyms.push({ name: definition.name, value: definition.defaultValue, source: ConfigSource.DEFAULT_CONFIG });
    }
    return {
      name: definition.name,
      value: given ?? (definition.name === 'node.id' ? String(broker.nodeId) : definition.sensitive ? null : definition.defaultValue),
      readOnly: definition.readOnly,
      source: isSet ? ConfigSource.STATIC_BROKER_CONFIG : ConfigSource.DEFAULT_CONFIG,
      isDefault: !isSet,
      isSensitive: definition.sensitive === true,
      synonyms,
      configType: CONFIG_TYPE_CODES[definition.kind.type],
      documentation: definition.documentation,
    };
  });
}
