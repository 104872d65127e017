// Kafka's topic name rules. Names become directory names and metric names,
// hence the narrow alphabet and the length cap (249 leaves room for the
// partition suffix within a 255-byte file name).

export const MAX_TOPIC_NAME_LENGTH = 249;
const LEGAL_NAME = /^[a-zA-Z0-9._-]+$/;

/** Why `name` cannot be a topic name, or null when it can. */
export function validateTopicName(name: string): string | null {
  if (name.length === 0) return 'Topic name must not be empty.';
  if (name === '.' || name === '..') return `Topic name "${name}" is not allowed.`;
  if (name.length > MAX_TOPIC_NAME_LENGTH) {
    return `Topic name is ${name.length} characters long; at most ${MAX_TOPIC_NAME_LENGTH} are allowed.`;
  }
  if (!LEGAL_NAME.test(name)) {
    return `Topic name "${name}" may only contain ASCII letters, digits, ".", "_" and "-".`;
  }
  return null;
}

/**
 * Kafka refuses a topic whose name equals an existing one once "." and "_"
 * are treated alike, because both map to the same metric names.
 */
export function findTopicNameCollision(name: string, existing: Iterable<string>): string | null {
  const normalised = name.replaceAll('.', '_');
  for (const other of existing) {
    if (other !== name && other.replaceAll('.', '_') === normalised) return other;
  }
  return null;
}
