// Deleting a topic deletes its records for every consumer; the user types the
// topic's name to show they mean this one.
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useDeleteTopic } from '../../api/use-topics';
import { ErrorNotice } from '../../components/error-notice';

interface DeleteTopicModalProps {
  connectionId: string;
  topic: string;
  opened: boolean;
  onClose: () => void;
  onDeleted: () => void;
}

export function DeleteTopicModal({ connectionId, topic, opened, onClose, onDeleted }: DeleteTopicModalProps) {
  const [typed, setTyped] = useState('');
  const remove = useDeleteTopic(connectionId);
  const close = () => {
    setTyped('');
    remove.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={`Delete ${topic}?`}>
      <Stack gap="sm">
        <Text size="sm">Every record in the topic is deleted, for every consumer. This cannot be undone.</Text>
        <TextInput label={`Type “${topic}” to confirm`} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} data-autofocus />
        {remove.error ? <ErrorNotice error={remove.error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Keep it
          </Button>
          <Button color="red" disabled={typed !== topic} loading={remove.isPending} onClick={() => remove.mutate(topic, { onSuccess: onDeleted })}>
            Delete topic
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
