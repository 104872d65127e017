// The lane's controls. What is offered follows the lane's state: a stopped
// lane can start, a running one can pause or stop. Membership and replay
// work in any state the backend accepts; its refusal is shown as an error.
// Replay commits offsets, so a read-only connection does not offer it.
import { Button, Group } from '@mantine/core';
import { memo } from 'react';
import type { LaneView } from '../../../../shared/contract/lanes';
import type { LaneControlRequest } from '../../api/use-lanes';
import { writeControl } from '../../api/use-read-only';

interface LaneControlsProps {
  state: LaneView['state'];
  memberCount: number;
  busy: boolean;
  /** On a read-only connection replay (which commits offsets) is not offered. */
  readOnly?: boolean;
  onControl: (control: LaneControlRequest['control']) => void;
}

function LaneControlsView({ state, memberCount, busy, readOnly = false, onControl }: LaneControlsProps) {
  const stopped = state === 'stopped' || state === 'failed';
  const button = (control: LaneControlRequest['control'], label: string, options: { disabled?: boolean; color?: string; title?: string } = {}) => (
    <Button size="compact-xs" variant="light" color={options.color} disabled={busy || options.disabled} title={options.title} onClick={() => onControl(control)}>
      {label}
    </Button>
  );
  return (
    <Group gap={4} wrap="wrap" role="toolbar" aria-label="Lane controls">
      {stopped ? button('lanes.start', 'Start') : state === 'paused' ? button('lanes.resume', 'Resume') : button('lanes.pause', 'Pause')}
      {stopped ? null : button('lanes.stop', 'Stop')}
      {button('lanes.addMember', 'Add member', { disabled: memberCount >= 16 })}
      {button('lanes.removeMember', 'Remove member', { disabled: memberCount <= 1 })}
      {button('lanes.replay', 'Replay from earliest', writeControl(readOnly))}
      {button('lanes.close', 'Close', { color: 'red' })}
    </Group>
  );
}

// Re-rendered only when the state, member count, busy or read-only flag changes, not on every frame of records.
export const LaneControls = memo(LaneControlsView);
