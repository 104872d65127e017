// Number formatting for counts, sizes and offsets, which arrive as decimal
// strings (they may exceed 2^53, so they are never turned into numbers).

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
