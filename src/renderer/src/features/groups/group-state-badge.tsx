import { Badge } from '@mantine/core';

const COLOURS: Record<string, string> = {
  Stable: 'green',
  Empty: 'gray',
  PreparingRebalance: 'yellow',
  CompletingRebalance: 'yellow',
  Dead: 'red',
};

export function GroupStateBadge({ state }: { state: string }) {
  return (
    <Badge color={COLOURS[state] ?? 'gray'} variant="light" data-testid="group-state">
      {state}
    </Badge>
  );
}
