import { Grid, Stack, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useActiveConnection } from '../../api/use-active-connection';
import { useTopics } from '../../api/use-topics';
import { ErrorNotice } from '../../components/error-notice';
import { useProduceHistory } from '../../stores/produce-history-store';
import { useRoute } from '../../shell/use-route';
import { PartitionHeatMap } from './partition-heat-map';
import { ProduceForm } from './produce-form';
import { emptyProduceForm } from './produce-form-model';
import { ProduceHistory } from './produce-history';
import { SendProgress } from './send-progress';
import { SendResult } from './send-result';
import { useSendAndRecord } from './use-send-and-record';

export function ProduceScreen() {
  const { id: connectionId } = useActiveConnection();
  const route = useRoute();
  const [values, setValues] = useState(() => emptyProduceForm(route.param ?? ''));
  const sender = useSendAndRecord();
  const topics = useTopics(connectionId);
  const entries = useProduceHistory((state) => state.entries);
  const topic = values.topic.trim();
  // A new array only when the history or the topic changes: the heat map recounts every landed record when it does, and a send re-renders this screen every frame.
  const topicEntries = useMemo(() => entries.filter((entry) => entry.request.topic === topic && entry.request.connectionId === connectionId), [entries, topic, connectionId]);
  const partitionCount = topics.data?.find((candidate) => candidate.name === topic)?.partitions ?? 1;
  const last = sender.result && sender.variables ? { topic: sender.variables.topic, ...sender.result } : null;

  return (
    <Stack>
      <Title order={2}>Produce</Title>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <ProduceForm connectionId={connectionId} values={values} onChange={setValues} onSend={sender.send} sending={sender.isPending} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack>
            {sender.progress ? <SendProgress progress={sender.progress} onCancel={sender.cancel} /> : null}
            {sender.error ? <ErrorNotice error={sender.error} title={sender.progress && sender.progress.sent > 0 ? 'Not all sent' : 'Not sent'} /> : null}
            {last ? <SendResult topic={last.topic} sent={last.sent} total={last.total} elapsedMs={last.elapsedMs} /> : null}
            {topic !== '' ? <PartitionHeatMap entries={topicEntries} partitionCount={partitionCount} /> : null}
          </Stack>
        </Grid.Col>
      </Grid>
      <ProduceHistory onResend={sender.send} sending={sender.isPending} />
    </Stack>
  );
}
