// Reads a topic back through the real backend's browse stream, so a test can
// check what actually landed in the broker (not what the UI says it sent).
import type { ApiClient } from '../../../../src/renderer/src/api/client';
import type { ConsumedRecord } from '../../../../src/shared/contract/common';

export function readTopic(client: ApiClient, connectionId: string, topic: string): Promise<ConsumedRecord[]> {
  return new Promise((resolve, reject) => {
    const records: ConsumedRecord[] = [];
    client.subscribe(
      'browse.read',
      { connectionId, topic, start: { from: 'earliest' }, maxRecords: 1_000, maxWaitMs: 5_000 },
      (event) => {
        if (event.type === 'records') records.push(...event.records);
      },
      (error) => (error ? reject(new Error(`${error.code}: ${error.message}`)) : resolve(records.sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset)))),
    );
  });
}
