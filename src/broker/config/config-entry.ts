// A described config value in protocol-neutral form. The DescribeConfigs and
// CreateTopics handlers map it onto whichever fields their request version has.
import type { ConfigSourceCode } from './config-values.js';

export interface ConfigSynonymDescription {
  readonly name: string;
  readonly value: string | null;
  readonly source: ConfigSourceCode;
}

export interface ConfigEntryDescription {
  readonly name: string;
  readonly value: string | null;
  readonly readOnly: boolean;
  readonly source: ConfigSourceCode;
  /** DescribeConfigs v0's is_default: the value was not set on the resource itself. */
  readonly isDefault: boolean;
  readonly isSensitive: boolean;
  /** Highest precedence first, the entry's own source included, as Kafka lists them. */
  readonly synonyms: readonly ConfigSynonymDescription[];
  /** DescribeConfigs config_type code (v3+). */
  readonly configType: number;
  readonly documentation: string | null;
}
