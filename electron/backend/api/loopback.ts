import { isIP } from 'node:net';

/** A host name or address of this machine only (the hall refuses anything else without TLS). */
export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}
