// Grow a topic. Kafka cannot take partitions away, and keys hash over the new
// count, so a key's later records may land in a different partition than its
// earlier ones: per-key ordering holds only within each side of the change.
import { Alert, Button, Group, List, Modal, NumberInput, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useAddPartitions } from '../../api/use-topics';
import { ErrorNotice } from '../../components/error-notice';

interface AddPartitionsModalProps {
  connectionId: string;
  topic: string;
  current: number;
  opened: boolean;
  onClose: () => void;
}

export function AddPartitionsModal({ connectionId, topic, current, opened, onClose }: AddPartitionsModalProps) {
  const [total, setTotal] = useState<number | string>(current + 1);
  const add = useAddPartitions(connectionId);
  const requested = typeof total === 'number' ? total : Number.NaN;
  const tooFew = !(requested > current);
  const close = () => {
    add.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={`Add partitions to ${topic}`}>
      <Stack gap="sm">
        <Alert color="yellow" variant="light" title="Partitions only grow">
          <List size="sm" spacing={4}>
            <List.Item>There is no way back: Kafka cannot remove partitions from a topic.</List.Item>
            <List.Item>
              Keyed records are spread by hashing the key over the partition count. With more partitions, a key’s new records may go to a different partition
              than its old ones, so ordering per key holds only among records sent after the change.
            </List.Item>
            <List.Item>Consumer groups rebalance to take up the new partitions.</List.Item>
          </List>
        </Alert>
        <Text size="sm">It has {current} now.</Text>
        <NumberInput
          label="Total partitions"
          min={current + 1}
          max={10_000}
          clampBehavior="none"
          allowDecimal={false}
          value={total}
          error={tooFew ? `Enter more than ${current}.` : null}
          onChange={setTotal}
        />
        {add.error ? <ErrorNotice error={add.error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button disabled={tooFew} loading={add.isPending} onClick={() => add.mutate({ topic, totalPartitions: requested }, { onSuccess: close })}>
            {tooFew ? 'Grow' : `Grow to ${requested}`}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
