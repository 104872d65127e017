// Browse's place in the URL (#/browse/<param>): the topic, and optionally a
// partition, a start offset and a record limit, so "show what this group has
// not read" is a link and a reload reads the same thing again.
import { routeHref } from '../../shell/use-route';

export interface BrowseLink {
  topic: string;
  partition?: number;
  offset?: string;
  maxRecords?: number;
}

export function browseParam(link: BrowseLink): string {
  const query = new URLSearchParams();
  if (link.partition !== undefined) query.set('partition', String(link.partition));
  if (link.offset !== undefined) query.set('offset', link.offset);
  if (link.maxRecords !== undefined) query.set('max', String(link.maxRecords));
  const rest = query.toString();
  return rest === '' ? link.topic : `${link.topic}?${rest}`;
}

export function parseBrowseParam(param: string | null): BrowseLink | null {
  if (param === null || param === '') return null;
  const [topic, rest = ''] = param.split('?', 2);
  const query = new URLSearchParams(rest);
  const link: BrowseLink = { topic };
  const partition = query.get('partition');
  if (partition !== null && /^\d+$/.test(partition)) link.partition = Number(partition);
  const offset = query.get('offset');
  if (offset !== null && /^\d+$/.test(offset)) link.offset = offset;
  const max = query.get('max');
  if (max !== null && /^\d+$/.test(max)) link.maxRecords = Number(max);
  return link;
}

export const browseHref = (link: BrowseLink): string => routeHref('browse', browseParam(link));
