// Batches compressed by librdkafka (kcat) with each Kafka codec are readable
// by a kafkajs client once the backend's codecs are registered; kafkajs alone
// knows only gzip.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCompressionCodecs } from '../../../src/backend/kafka/codecs.js';
import { runOk } from '../support/run-process.js';
import { kafkaFor, startTestBroker, type TestBroker } from '../broker/helpers.js';

describe('reading batches any client compressed', () => {
  let broker: TestBroker;
  beforeAll(async () => {
    registerCompressionCodecs();
    broker = await startTestBroker();
  });
  afterAll(() => broker?.stop());

  it.each(['gzip', 'snappy', 'lz4', 'zstd'])('reads %s batches written by kcat', async (codec) => {
    const topic = `compressed-${codec}`;
    const values = Array.from({ length: 50 }, (_, i) => `say hello~!!!! ${codec} ${i} ${'padding '.repeat(20)}`);
    await runOk('kcat', ['-P', '-b', broker.bootstrap, '-t', topic, '-p', '0', '-z', codec, '-X', 'linger.ms=50', '-q'], { input: values.join('\n') + '\n' });

    const consumer = kafkaFor(broker).consumer({ groupId: `codec-${codec}`, sessionTimeout: 6_000 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const read: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`read ${read.length} of ${values.length}`)), 20_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          read.push(message.value!.toString());
          if (read.length === values.length) {
            clearTimeout(deadline);
            resolve();
          }
        },
      });
    });
    await consumer.disconnect();
    expect(read).toEqual(values);
  });
});
