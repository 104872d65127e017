// The two catch-up experiments, the same for every client that can produce and
// run a group member that reads to the end, commits and leaves (kcat and
// confluent-kafka here): a group that stopped reads exactly the five messages
// sent meanwhile, also when the broker restarted in between.
import { expect } from 'vitest';
import { makeTempDir, startTestBroker, type TestBroker } from '../helpers.js';

export interface CatchUpClient {
  produce(bootstrap: string, topic: string, values: string[]): Promise<unknown>;
  /** Joins `group`, reads every assigned partition to its end from `earliest`, commits and leaves. */
  consumeToEnd(bootstrap: string, group: string, topic: string): Promise<{ value: string }[]>;
}

const sortedValues = (consumed: { value: string }[]) => consumed.map((c) => c.value).sort();

export async function expectCatchUp(client: CatchUpClient, bootstrap: string): Promise<void> {
  const topic = 'catch-up-topic';
  await client.produce(bootstrap, topic, ['before-1', 'before-2', 'before-3']);
  expect(sortedValues(await client.consumeToEnd(bootstrap, 'catch-up-group', topic))).toEqual(['before-1', 'before-2', 'before-3']);

  const missed = ['missed-1', 'missed-2', 'missed-3', 'missed-4', 'missed-5'];
  await client.produce(bootstrap, topic, missed);
  expect(sortedValues(await client.consumeToEnd(bootstrap, 'catch-up-group', topic))).toEqual(missed);
  expect(await client.consumeToEnd(bootstrap, 'catch-up-group', topic)).toEqual([]);
}

/** Committed offsets and messages survive a restart on the same data directory. */
export async function expectCatchUpAcrossRestart(client: CatchUpClient, brokerConfig: Record<string, string>, tempPrefix: string): Promise<void> {
  const dir = makeTempDir(tempPrefix);
  let restartable: TestBroker | undefined = await startTestBroker({ dataDir: dir.path, config: brokerConfig });
  try {
    const topic = 'restart-topic';
    await client.produce(restartable.bootstrap, topic, ['old-1', 'old-2', 'old-3', 'old-4']);
    expect(sortedValues(await client.consumeToEnd(restartable.bootstrap, 'restart-group', topic))).toEqual(['old-1', 'old-2', 'old-3', 'old-4']);
    // Three of the five are sent before the restart, two after it.
    await client.produce(restartable.bootstrap, topic, ['new-1', 'new-2', 'new-3']);
    await restartable.close();
    restartable = undefined;
    restartable = await startTestBroker({ dataDir: dir.path, config: brokerConfig });
    await client.produce(restartable.bootstrap, topic, ['new-4', 'new-5']);

    expect(sortedValues(await client.consumeToEnd(restartable.bootstrap, 'restart-group', topic))).toEqual(['new-1', 'new-2', 'new-3', 'new-4', 'new-5']);
    expect(await client.consumeToEnd(restartable.bootstrap, 'restart-group', topic)).toEqual([]);
  } finally {
    await restartable?.close();
    dir.remove();
  }
}
