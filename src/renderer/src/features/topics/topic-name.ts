// Kafka's own rule for topic names, checked before asking the cluster.
export function topicNameProblem(name: string): string | null {
  if (name === '') return 'Give the topic a name.';
  if (name === '.' || name === '..') return '“.” and “..” are not topic names.';
  if (name.length > 249) return 'At most 249 characters.';
  if (!/^[a-zA-Z0-9._-]+$/.test(name)) return 'Only letters, digits, “.”, “_” and “-”.';
  return null;
}

/** Retention choices for a new topic; null keeps the cluster's default. */
export const RETENTION_CHOICES: { value: string; label: string; ms: string | null }[] = [
  { value: 'default', label: "Cluster default", ms: null },
  { value: '1h', label: '1 hour', ms: String(60 * 60 * 1000) },
  { value: '1d', label: '1 day', ms: String(24 * 60 * 60 * 1000) },
  { value: '7d', label: '7 days', ms: String(7 * 24 * 60 * 60 * 1000) },
  { value: '30d', label: '30 days', ms: String(30 * 24 * 60 * 60 * 1000) },
  { value: 'forever', label: 'Forever', ms: '-1' },
];
