// The broker the app ships: its state (live, from localBroker.watch), its
// address for other programs, and start/stop.
import { Badge, Button, Card, Code, Group, Stack, Text } from '@mantine/core';
import type { LocalBrokerStatus } from '../../../../shared/contract/local-broker';
import { useLocalBrokerStatus, useLocalBrokerWatch, useStartLocalBroker, useStopLocalBroker } from '../../api/use-connections';
import { ErrorNotice } from '../../components/error-notice';

const STATE_COLOURS: Record<LocalBrokerStatus['state'], string> = { running: 'green', starting: 'yellow', stopping: 'yellow', stopped: 'gray', failed: 'red' };

export function LocalBrokerCard() {
  const status = useLocalBrokerStatus();
  const watched = useLocalBrokerWatch();
  const start = useStartLocalBroker();
  const stop = useStopLocalBroker();
  const current = watched ?? status.data;

  return (
    <Card withBorder data-testid="local-broker-card">
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Text fw={600}>Local broker</Text>
            {current ? (
              <Badge color={STATE_COLOURS[current.state]} data-testid="local-broker-state">
                {current.state}
              </Badge>
            ) : null}
          </Group>
          <Group gap="xs">
            <Button size="xs" onClick={() => start.mutate()} loading={start.isPending} disabled={current?.state === 'running' || current?.state === 'starting'}>
              Start
            </Button>
            <Button size="xs" variant="default" onClick={() => stop.mutate()} loading={stop.isPending} disabled={current?.state !== 'running'}>
              Stop
            </Button>
          </Group>
        </Group>
        {current?.bootstrap ? (
          <Text size="sm">
            Other programs connect to <Code data-testid="local-broker-bootstrap">{current.bootstrap}</Code>
          </Text>
        ) : null}
        {current?.notice ? <Text size="sm" c={current.state === 'failed' ? 'red' : 'dimmed'}>{current.notice}</Text> : null}
        {current ? (
          <Text size="xs" c="dimmed">
            Data in {current.dataDir}
          </Text>
        ) : null}
        {status.error ? <ErrorNotice error={status.error} onRetry={() => void status.refetch()} /> : null}
        {start.error ? <ErrorNotice error={start.error} /> : null}
        {stop.error ? <ErrorNotice error={stop.error} /> : null}
      </Stack>
    </Card>
  );
}
