// The active connection's colour drawn around the whole window, so a
// production cluster cannot be mistaken for the local broker at a glance.
import { Box } from '@mantine/core';
import { useActiveConnection } from '../api/use-active-connection';

export function ConnectionFrame() {
  const { profile } = useActiveConnection();
  if (!profile) return null;
  return (
    <Box
      data-testid="connection-frame"
      data-connection-id={profile.id}
      data-color={profile.color}
      aria-hidden
      style={{ position: 'fixed', inset: 0, border: `4px solid ${profile.color}`, pointerEvents: 'none', zIndex: 1000 }}
    />
  );
}
