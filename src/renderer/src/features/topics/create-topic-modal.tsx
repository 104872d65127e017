// Create a topic: name, partitions, replication factor, retention.
import { Button, Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useCreateTopic } from '../../api/use-topics';
import { ErrorNotice } from '../../components/error-notice';
import { RETENTION_CHOICES, topicNameProblem } from './topic-name';

interface CreateTopicModalProps {
  connectionId: string;
  opened: boolean;
  onClose: () => void;
  onCreated: (topic: string) => void;
}

export function CreateTopicModal({ connectionId, opened, onClose, onCreated }: CreateTopicModalProps) {
  const [name, setName] = useState('');
  const [partitions, setPartitions] = useState<number | string>(1);
  const [replicationFactor, setReplicationFactor] = useState<number | string>(1);
  const [retention, setRetention] = useState('default');
  const [touched, setTouched] = useState(false);
  const create = useCreateTopic(connectionId);
  const nameProblem = topicNameProblem(name.trim());
  const wholeFrom1 = (value: number | string) => (typeof value === 'number' && Number.isInteger(value) && value >= 1 ? null : 'A whole number from 1.');
  const partitionsProblem = wholeFrom1(partitions);
  const replicationProblem = wholeFrom1(replicationFactor);

  const close = () => {
    create.reset();
    setTouched(false);
    onClose();
  };

  const submit = () => {
    setTouched(true);
    if (nameProblem || partitionsProblem || replicationProblem) return;
    const ms = RETENTION_CHOICES.find((choice) => choice.value === retention)?.ms ?? null;
    const topic = name.trim();
    create.mutate(
      { topic, partitions: Number(partitions), replicationFactor: Number(replicationFactor), configs: ms === null ? {} : { 'retention.ms': ms } },
      {
        onSuccess: () => {
          setName('');
          setTouched(false);
          onCreated(topic);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title="Create topic">
      <form
        aria-label="Create topic"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="sm">
          <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={touched ? nameProblem : null} data-autofocus />
          <Group grow>
            <NumberInput label="Partitions" min={1} max={10_000} allowDecimal={false} value={partitions} error={touched ? partitionsProblem : null} onChange={setPartitions} />
            <NumberInput
              label="Replication factor"
              min={1}
              max={32767}
              allowDecimal={false}
              value={replicationFactor}
              error={touched ? replicationProblem : null}
              onChange={setReplicationFactor}
            />
          </Group>
          <Select label="Retention" data={RETENTION_CHOICES} allowDeselect={false} value={retention} onChange={(value) => setRetention(value ?? 'default')} />
          {create.error ? <ErrorNotice error={create.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
