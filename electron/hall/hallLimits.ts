// What one request and one client may take of the hall host. The host serves 5–15 counter
// windows on a hall LAN; these numbers leave them ample room and leave a stranger on that LAN
// none to exhaust the machine that holds the township's data. docs/architecture.md (“The hall
// host's limits”) gives the same table in words.
import type http from 'node:http';
import { MAX_UPLOAD_BYTES } from '../../shared/api/uploads';

const KiB = 1024;
const MiB = 1024 * KiB;

export interface HallLimits {
  /** Bytes of the JSON body of every procedure (a search, a form: a few KB; files go by upload). */
  bodyBytes: number;
  /** Bytes of one upload (`PUT /uploads`), streamed to disk as they come, never held whole. */
  uploadBytes: number;
  /** All request headers must have arrived within this (slow-loris: headers sent a byte at a time). */
  headersTimeoutMs: number;
  /** The whole request, body included, must have arrived within this. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** How often Node looks for requests past the two timeouts above (its default, 30 s, adds up to that much). */
  timeoutCheckIntervalMs: number;
  /** Connections open at once; beyond it new ones are closed as they come. */
  maxConnections: number;
  /** A request answered before its body was read: how long its client has to read the answer before the connection goes. */
  refusedLingerMs: number;
}

export const HALL_LIMITS: HallLimits = Object.freeze({
  bodyBytes: 1 * MiB,
  // The county's reply file, the largest file the UI sends (an attachment is at most 20 MB).
  uploadBytes: MAX_UPLOAD_BYTES,
  headersTimeoutMs: 15_000,
  // 36 MiB in two minutes is 2.5 Mbit/s: slower than the worst Wi-Fi of a township hall.
  requestTimeoutMs: 120_000,
  keepAliveTimeoutMs: 5_000,
  timeoutCheckIntervalMs: 2_000,
  // 15 windows × the 6 connections a browser opens to one host, many times over.
  maxConnections: 256,
  refusedLingerMs: 2_000,
});

/** `Strict-Transport-Security` under TLS: a year, this host only (other hosts of the LAN's domain are not ours). */
export const HSTS = 'max-age=31536000';

/** Node's defaults are 60 s for headers, 300 s for a request and no connection cap: each is set here. */
export function applyServerLimits(server: http.Server, limits: HallLimits): void {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.maxConnections;
}

/** “28 MB”, “1 MB”, “512 KB”: a limit as a refusal names it. */
export function sizeInWords(bytes: number): string {
  return bytes >= MiB ? `${Math.round((bytes / MiB) * 10) / 10} MB` : `${Math.round(bytes / KiB)} KB`;
}
