// Which connections are read-only, so a screen can disable the writes the
// backend would refuse on them (READ_ONLY_CONNECTION) instead of offering a
// button whose only outcome is an error. The backend stays the authority:
// this only decides what is offered.
import { useConnections } from './use-connections';

/** Shown on every write control a read-only connection disables. */
export const READ_ONLY_HINT = 'Read-only connection: switch off “Read-only” in its settings under Connections to write to this cluster.';

/** Answers, for any connection id, whether its profile is read-only (false while the list loads). */
export function useReadOnlyCheck(): (connectionId: string) => boolean {
  const { data } = useConnections();
  return (connectionId) => data?.find((profile) => profile.id === connectionId)?.readOnly ?? false;
}

export function useReadOnly(connectionId: string): boolean {
  return useReadOnlyCheck()(connectionId);
}

/** A write control's props: disabled, with the reason as its tooltip, on a read-only connection. */
export function writeControl(readOnly: boolean, disabled = false): { disabled: boolean; title?: string } {
  return readOnly ? { disabled: true, title: READ_ONLY_HINT } : { disabled };
}
