// Browse's place in the URL (#/browse/<param>): the topic, and optionally the
// partitions, where to start and how many records. A link with a start reads
// as soon as it opens, so "show what this group has not read" is a link, and a
// reload reads the same thing again.
import type { BrowseRequest } from '../../api/use-browse';
import { routeHref } from '../../shell/use-route';

export interface BrowseLink {
  topic: string;
  partitions?: number[];
  start?: BrowseRequest['start'];
  maxRecords?: number;
}

export function browseParam(link: BrowseLink): string {
  const query = new URLSearchParams();
  if (link.partitions && link.partitions.length > 0) query.set('partitions', link.partitions.join(','));
  if (link.start) {
    query.set('from', link.start.from);
    if (link.start.from === 'latest') query.set('minus', String(link.start.minus));
    if (link.start.from === 'offset') query.set('offset', link.start.offset);
    if (link.start.from === 'timestamp') query.set('timestamp', link.start.timestamp);
  }
  if (link.maxRecords !== undefined) query.set('max', String(link.maxRecords));
  const rest = query.toString().replace(/%2C/g, ',');
  return rest === '' ? link.topic : `${link.topic}?${rest}`;
}

const whole = (text: string | null): text is string => text !== null && /^\d{1,19}$/.test(text);

function parseStart(query: URLSearchParams): BrowseRequest['start'] | undefined {
  const minus = query.get('minus');
  const offset = query.get('offset');
  const timestamp = query.get('timestamp');
  switch (query.get('from')) {
    case 'earliest':
      return { from: 'earliest' };
    case 'latest':
      return whole(minus) && Number(minus) <= 1_000_000 ? { from: 'latest', minus: Number(minus) } : undefined;
    case 'offset':
      return whole(offset) ? { from: 'offset', offset } : undefined;
    case 'timestamp':
      return whole(timestamp) ? { from: 'timestamp', timestamp } : undefined;
    default:
      return undefined;
  }
}

/** Whatever part of the link is malformed is left out, never guessed. */
export function parseBrowseParam(param: string | null): BrowseLink | null {
  if (param === null || param === '') return null;
  const [topic, rest = ''] = param.split('?', 2);
  const query = new URLSearchParams(rest);
  const link: BrowseLink = { topic };
  const partitions = query.get('partitions');
  if (partitions !== null && /^\d+(,\d+)*$/.test(partitions)) link.partitions = partitions.split(',').map(Number);
  const start = parseStart(query);
  if (start) link.start = start;
  const max = query.get('max');
  if (whole(max)) link.maxRecords = Number(max);
  return link;
}

export const browseHref = (link: BrowseLink): string => routeHref('browse', browseParam(link));
