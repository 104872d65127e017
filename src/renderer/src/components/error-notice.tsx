// An error as people read it: what happened, what to do, and the backend's
// detail (naming the topic, group or address) underneath.
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { describeError } from '../api/error-sentences';

interface ErrorNoticeProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}

export function ErrorNotice({ error, title, onRetry }: ErrorNoticeProps) {
  const described = describeError(error);
  return (
    <Alert color="red" variant="light" title={title ?? described.what} role="alert" data-testid="error-notice" data-error-code={described.code}>
      <Stack gap={6}>
        {title ? <Text size="sm" fw={500}>{described.what}</Text> : null}
        <Text size="sm">{described.todo}</Text>
        <Text size="xs" c="dimmed">
          {described.detail} ({described.code})
        </Text>
        {onRetry ? (
          <Group>
            <Button size="xs" variant="light" color="red" onClick={onRetry}>
              Try again
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Alert>
  );
}
