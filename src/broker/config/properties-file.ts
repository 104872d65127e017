// Reads a server.properties-style file: `key=value` (or `key: value`) lines,
// `#` and `!` comment lines, blank lines. Enough for the files people keep
// next to a Kafka install; no line continuations or escapes, which broker
// settings do not need.
import { ConfigError } from './config-error.js';

export function parsePropertiesText(text: string, source = 'config file'): Record<string, string> {
  const pairs: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) return;
    const separator = line.search(/[=:]/);
    if (separator <= 0) throw new ConfigError(line, `${source} line ${index + 1}: expected key=value, got "${line}"`);
    pairs[line.slice(0, separator).trim()] = line.slice(separator + 1).trim();
  });
  return pairs;
}
