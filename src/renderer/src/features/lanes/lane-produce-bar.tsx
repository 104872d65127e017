// Send to the lanes' topic without leaving them: a key (optional), a value,
// and a number of copies ({{i}} numbers each copy). Each lane of another
// group should then show every record, and exactly one member of a group.
import { Button, Group, NumberInput, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useProduce } from '../../api/use-produce';
import { writeControl } from '../../api/use-read-only';
import { ErrorNotice } from '../../components/error-notice';
import { formatCount } from '../../lib/format';

interface LaneProduceBarProps {
  connectionId: string;
  topic: string;
  readOnly: boolean;
}

export function LaneProduceBar({ connectionId, topic, readOnly }: LaneProduceBarProps) {
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const [count, setCount] = useState(1);
  const [sends, setSends] = useState(0);
  const produce = useProduce();
  const validCount = Number.isInteger(count) && count >= 1 && count <= 1_000_000;

  const send = () => {
    if (!validCount || readOnly) return;
    const request = { connectionId, topic, key: key === '' ? null : { encoding: 'utf8' as const, data: key }, value: { encoding: 'utf8' as const, data: value }, count };
    produce.mutate(request, { onSuccess: () => setSends((n) => n + 1) });
  };

  const sent = produce.data;
  return (
    <form
      aria-label="Send to topic"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput w={140} label="Key" placeholder="none" value={key} onChange={(e) => setKey(e.currentTarget.value)} />
        <TextInput style={{ flex: 1, minWidth: 200 }} label="Value" placeholder="say hello~!!!! {{i}}" value={value} onChange={(e) => setValue(e.currentTarget.value)} />
        <NumberInput
          w={110}
          label="Copies"
          min={1}
          max={1_000_000}
          allowDecimal={false}
          thousandSeparator=","
          value={count}
          error={validCount ? undefined : '1 to 1,000,000'}
          onChange={(next) => setCount(typeof next === 'number' ? next : Number.NaN)}
        />
        <Button type="submit" loading={produce.isPending} {...writeControl(readOnly, !validCount)}>
          {count > 1 && validCount ? `Send ${formatCount(count)}` : 'Send'}
        </Button>
      </Group>
      {sent ? (
        <Text size="xs" c="dimmed" mt={4} data-testid="lane-produce-result" data-sends={sends}>
          Sent {formatCount(sent.total)} to {topic} in {Math.round(sent.elapsedMs)} ms
          {sent.sent.length === 1 ? ` (partition ${sent.sent[0]!.partition}, offset ${sent.sent[0]!.offset})` : ''}
        </Text>
      ) : null}
      {produce.error ? <ErrorNotice error={produce.error} title="Not sent" /> : null}
    </form>
  );
}
