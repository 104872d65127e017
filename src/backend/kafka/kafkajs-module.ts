// kafkajs is CommonJS, and Node's ESM loader cannot list its named exports:
// `import { Kafka } from 'kafkajs'` works under Vite and vitest but fails under
// plain Node (tsx, Electron's main process). So the values come from the
// default export, once, here; types may still be imported by name.
import kafkajs from 'kafkajs';

export const { AssignerProtocol, CompressionCodecs, CompressionTypes, ConfigResourceTypes, ConfigSource, Kafka, logLevel, Partitioners } = kafkajs;
