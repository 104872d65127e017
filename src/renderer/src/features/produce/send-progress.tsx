// "Sent X of N" while copies go out, with the way to stop them; after a
// cancel or a failure part-way it stays, saying how far the send got. Between
// Cancel and the backend's final count it says "Cancelling…": records already
// on their way to the broker may still land and be counted.
import { Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import type { SendProgress as Progressing } from './use-send-and-record';

function headline({ sent, total, status }: Progressing): string {
  const counted = `${sent.toLocaleString()} of ${total.toLocaleString()}`;
  if (status === 'sending') return `Sent ${counted}`;
  if (status === 'cancelling') return `Cancelling… sent ${counted}`;
  if (status === 'cancelled') return `Cancelled: sent ${counted}`;
  return `Stopped by an error: sent ${counted}`;
}

export function SendProgress({ progress, onCancel }: { progress: Progressing; onCancel: () => void }) {
  const { sent, total, status } = progress;
  const fraction = total > 0 ? (sent / total) * 100 : 0;
  const moving = status === 'sending' || status === 'cancelling';
  return (
    <Paper withBorder p="sm" data-testid="send-progress" data-status={status}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text size="sm" fw={500}>
            {headline(progress)}
          </Text>
          {status === 'sending' ? (
            <Button size="compact-sm" variant="light" color="red" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
        </Group>
        <Progress value={fraction} animated={moving} aria-label="Sent" color={moving ? undefined : 'gray'} />
        {progress.countMayBeShort ? (
          <Text size="xs" c="dimmed" data-testid="count-may-be-short">
            The backend did not confirm the cancel, so this is the last count it reported: the topic may hold up to one more batch of records.
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
