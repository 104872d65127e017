// Whether a bind address keeps the broker reachable from this machine only.
// Anything else (including the wildcards 0.0.0.0 and ::) lets other machines
// in, which without SASL means anyone who can reach the port can read and
// write every topic.
import { isIPv4 } from 'node:net';

export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (name === 'localhost' || name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
  const v4 = name.startsWith('::ffff:') ? name.slice('::ffff:'.length) : name;
  return isIPv4(v4) && v4.startsWith('127.');
}
