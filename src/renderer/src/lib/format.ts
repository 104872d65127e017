// Number formatting for counts, sizes and offsets, which arrive as decimal
// strings (they may exceed 2^53, so they are never turned into numbers),
// and times as the user's clock shows them.

export function formatCount(value: string | number): string {
  const text = String(value);
  if (!/^-?\d+$/.test(text)) return text;
  const negative = text.startsWith('-');
  const digits = negative ? text.slice(1) : text;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return negative ? `-${grouped}` : grouped;
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

export function formatBytes(value: string | null): string {
  if (value === null) return '—';
  let size = Number(value);
  if (!Number.isFinite(size)) return value;
  let unit = 0;
  while (size >= 1024 && unit < UNITS.length - 1) {
    size /= 1024;
    unit++;
  }
  return `${unit === 0 ? size : size.toFixed(size >= 100 ? 0 : 1)} ${UNITS[unit]}`;
}

/** A time in the user's time zone: its date ("2024-05-01"), clock ("13:04:05") and milliseconds ("007"); null when it is no time. */
export function localTimeParts(ms: number): { date: string; clock: string; millis: string } | null {
  const date = new Date(ms);
  if (Number.isNaN(date.getTime())) return null;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return {
    date: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`,
    clock: `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`,
    millis: pad(date.getMilliseconds(), 3),
  };
}
