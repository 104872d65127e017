// Deleting a group removes its committed offsets; Kafka refuses while it has members.
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDeleteGroup } from '../../api/use-groups';
import { ErrorNotice } from '../../components/error-notice';

interface DeleteGroupModalProps {
  connectionId: string;
  groupId: string;
  opened: boolean;
  onClose: () => void;
  onDeleted: () => void;
}

export function DeleteGroupModal({ connectionId, groupId, opened, onClose, onDeleted }: DeleteGroupModalProps) {
  const remove = useDeleteGroup(connectionId);
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={`Delete group ${groupId}?`}>
      <Stack gap="sm">
        <Text size="sm">
          Its committed offsets are deleted. A consumer that joins the group again starts from its auto.offset.reset position (earliest or latest), not where the
          group left off.
        </Text>
        {remove.error ? <ErrorNotice error={remove.error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Keep it
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(groupId, { onSuccess: onDeleted })}>
            Delete group
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
