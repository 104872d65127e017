// Where the last send landed: partition and offset of each record listed.
import { Badge, Group, Paper, ScrollArea, Stack, Text } from '@mantine/core';

interface SendResultProps {
  topic: string;
  sent: { partition: number; offset: string }[];
  total: number;
  elapsedMs: number;
}

const SHOWN = 100;

export function SendResult({ topic, sent, total, elapsedMs }: SendResultProps) {
  return (
    <Paper withBorder p="sm" data-testid="send-result">
      <Stack gap="xs">
        <Text size="sm" fw={500}>
          Sent {total.toLocaleString()} to {topic} in {Math.round(elapsedMs)} ms
        </Text>
        <ScrollArea.Autosize mah={160}>
          <Group gap={6}>
            {sent.slice(0, SHOWN).map((record, index) => (
              <Badge key={index} variant="light" tt="none" data-testid="sent-record" data-partition={record.partition} data-offset={record.offset}>
                partition {record.partition} · offset {record.offset}
              </Badge>
            ))}
          </Group>
        </ScrollArea.Autosize>
        {total > Math.min(sent.length, SHOWN) ? (
          <Text size="xs" c="dimmed">
            Showing where the first {Math.min(sent.length, SHOWN)} landed.
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
