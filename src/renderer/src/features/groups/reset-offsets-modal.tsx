// The reset form in a dialog, offered the group's own topics first and then
// every other topic of the connection.
import { Modal } from '@mantine/core';
import type { GroupDetail } from '../../api/use-groups';
import { useTopics } from '../../api/use-topics';
import { ResetOffsetsForm, type ResetTopicOption } from './reset-offsets-form';

export function resetTopicOptions(offsets: GroupDetail['offsets'], topics: readonly { name: string; partitions: number }[]): ResetTopicOption[] {
  const counts = new Map<string, number>();
  for (const row of offsets) if (row.highWatermark !== null) counts.set(row.topic, Math.max(counts.get(row.topic) ?? 0, row.partition + 1));
  for (const topic of topics) if (counts.has(topic.name)) counts.set(topic.name, topic.partitions);
  const own = [...counts].map(([name, partitions]) => ({ name, partitions }));
  const others = topics.filter((topic) => !counts.has(topic.name)).map((topic) => ({ name: topic.name, partitions: topic.partitions }));
  return [...own.sort((a, b) => a.name.localeCompare(b.name)), ...others.sort((a, b) => a.name.localeCompare(b.name))];
}

interface ResetOffsetsModalProps {
  connectionId: string;
  group: GroupDetail;
  opened: boolean;
  onClose: () => void;
}

export function ResetOffsetsModal({ connectionId, group, opened, onClose }: ResetOffsetsModalProps) {
  const topics = useTopics(connectionId);
  const options = resetTopicOptions(group.offsets, topics.data ?? []);
  return (
    <Modal opened={opened} onClose={onClose} title={`Reset offsets of ${group.groupId}`} size="lg">
      {opened ? <ResetOffsetsForm connectionId={connectionId} groupId={group.groupId} topics={options} activeMembers={group.members} /> : null}
    </Modal>
  );
}
