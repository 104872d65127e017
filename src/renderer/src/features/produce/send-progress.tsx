// "Sent X of N" while copies go out, with the way to stop them; after a
// cancel or a failure part-way it stays, saying how far the send got.
import { Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import type { SendProgress as Progressing } from './use-send-and-record';

export function SendProgress({ progress, onCancel }: { progress: Progressing; onCancel: () => void }) {
  const { sent, total, status } = progress;
  const fraction = total > 0 ? (sent / total) * 100 : 0;
  const counted = `${sent.toLocaleString()} of ${total.toLocaleString()}`;
  return (
    <Paper withBorder p="sm" data-testid="send-progress" data-status={status}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text size="sm" fw={500}>
            {status === 'sending' ? `Sent ${counted}` : status === 'cancelled' ? `Cancelled: sent ${counted}` : `Stopped by an error: sent ${counted}`}
          </Text>
          {status === 'sending' ? (
            <Button size="compact-sm" variant="light" color="red" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
        </Group>
        <Progress value={fraction} animated={status === 'sending'} aria-label="Sent" color={status === 'sending' ? undefined : 'gray'} />
      </Stack>
    </Paper>
  );
}
