// The two ways clients change a topic's overrides: AlterConfigs replaces the
// whole set (anything unnamed reverts to the broker default), while
// IncrementalAlterConfigs edits it key by key. Both return the new overrides
// or the reason to refuse, leaving error codes to the handlers.
import { splitList } from './config-values.js';
import { TOPIC_CONFIG_BY_NAME } from './topic-config-definitions.js';
import { effectiveTopicConfigValue, validateTopicConfigs, type TopicConfigOverrides } from './topic-config.js';
import type { BrokerConfig } from './types.js';

/** IncrementalAlterConfigs config_operation codes. */
export const ConfigOperation = { SET: 0, DELETE: 1, APPEND: 2, SUBTRACT: 3 } as const;

export interface ConfigChange {
  readonly name: string;
  readonly value: string | null;
}

export interface IncrementalConfigChange extends ConfigChange {
  readonly operation: number;
}

export type AlterOutcome =
  | { readonly ok: true; readonly configs: Record<string, string> }
  | { readonly ok: false; readonly reason: 'invalid-config' | 'invalid-request'; readonly message: string };

function refuse(reason: 'invalid-config' | 'invalid-request', message: string): AlterOutcome {
  return { ok: false, reason, message };
}

function findDuplicate(changes: readonly ConfigChange[]): string | null {
  const seen = new Set<string>();
  for (const { name } of changes) {
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return null;
}

function checked(configs: Record<string, string>): AlterOutcome {
  const problem = validateTopicConfigs(configs);
  return problem ? refuse('invalid-config', problem.message) : { ok: true, configs };
}

/** AlterConfigs: the given pairs become the complete override set; null values are left unset. */
export function replaceTopicConfigs(changes: readonly ConfigChange[]): AlterOutcome {
  const duplicate = findDuplicate(changes);
  if (duplicate !== null) return refuse('invalid-request', `Config ${duplicate} is named more than once in the request.`);
  const configs: Record<string, string> = {};
  for (const { name, value } of changes) {
    if (!TOPIC_CONFIG_BY_NAME.has(name)) return refuse('invalid-config', `Unknown topic config name: ${name}.`);
    if (value !== null) configs[name] = value;
  }
  return checked(configs);
}

/** IncrementalAlterConfigs: SET, DELETE, APPEND and SUBTRACT applied to the current overrides. */
export function applyIncrementalTopicConfigs(
  broker: BrokerConfig,
  current: TopicConfigOverrides,
  changes: readonly IncrementalConfigChange[],
): AlterOutcome {
  const duplicate = findDuplicate(changes);
  if (duplicate !== null) return refuse('invalid-request', `Config ${duplicate} is named more than once in the request.`);
  const configs: Record<string, string> = { ...current };
  for (const { name, operation, value } of changes) {
    const definition = TOPIC_CONFIG_BY_NAME.get(name);
    if (!definition) return refuse('invalid-config', `Unknown topic config name: ${name}.`);
    const isList = definition.kind.type === 'list';
    switch (operation) {
      case ConfigOperation.SET:
        // As in Kafka's controller, setting null is the same as deleting.
        if (value === null) delete configs[name];
        else configs[name] = value;
        break;
      case ConfigOperation.DELETE:
        delete configs[name];
        break;
      case ConfigOperation.APPEND:
      case ConfigOperation.SUBTRACT: {
        if (!isList) {
          const verb = operation === ConfigOperation.APPEND ? 'APPEND to' : 'SUBTRACT from';
          return refuse('invalid-config', `Cannot ${verb} ${name}: only list configs (such as cleanup.policy) take APPEND and SUBTRACT; use SET.`);
        }
        const items = splitList(effectiveTopicConfigValue(broker, configs, name));
        const given = splitList(value ?? '');
        const next = operation === ConfigOperation.APPEND
          ? [...items, ...given.filter((item) => !items.includes(item))]
          : items.filter((item) => !given.includes(item));
        configs[name] = next.join(',');
        break;
      }
      default:
        return refuse('invalid-request', `Unknown config operation ${operation} for ${name}; expected 0 (SET), 1 (DELETE), 2 (APPEND) or 3 (SUBTRACT).`);
    }
  }
  return checked(configs);
}
