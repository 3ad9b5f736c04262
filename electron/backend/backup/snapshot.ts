// A consistent copy of the live database, taken without stopping the counter: `VACUUM INTO` on a
// connection of its own in a worker thread. In WAL mode that connection reads one snapshot while
// the hall's connection goes on writing (a 400,000-row database: writes every 5 ms kept going,
// the longest pause 14 ms). The copy is encrypted with the database's key — SQLite3 Multiple
// Ciphers writes `VACUUM INTO` in the source's cipher — so a backup is never plain when the
// database is not. SQLite's backup API is not used: it refuses an encrypted source and target.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { chooseSqlCipherPragmas, rawKeyLiteral } from '../db/sqlite3Dialect';

/** What a copy holds: rows per table and the change log's last sequence. */
export interface DatabaseCounts {
  tables: Record<string, number>;
  changeLogLast: number;
  integrity: string;
}

// The worker is plain CommonJS given as text (no file of its own to bundle and find in each
// host); it loads the SQLite addon by the path the host resolved.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.addon);
function open(file, readonly) {
  const db = new Database(file, { readonly, fileMustExist: true });
  for (const pragma of workerData.pragmas) db.pragma(pragma);
  return db;
}
function counts(db) {
  const tables = {};
  const names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();
  for (const name of names) tables[name] = db.prepare('SELECT count(*) FROM "' + name.replace(/"/g, '""') + '"').pluck().get();
  const hasLog = names.includes('change_log');
  const changeLogLast = hasLog ? (db.prepare('SELECT coalesce(max(seq), 0) FROM change_log').pluck().get()) : 0;
  const integrity = db.pragma('integrity_check').map((row) => row.integrity_check).join('; ');
  return { tables, changeLogLast, integrity };
}
try {
  let result;
  if (workerData.task === 'snapshot') {
    const source = open(workerData.source, true);
    try { source.prepare('VACUUM INTO ?').run(workerData.target); } finally { source.close(); }
  }
  const copy = open(workerData.task === 'snapshot' ? workerData.target : workerData.source, true);
  try { result = counts(copy); } finally { copy.close(); }
  parentPort.postMessage({ ok: true, result });
} catch (error) {
  parentPort.postMessage({ ok: false, message: String(error && error.message || error), code: error && error.code });
}
`;

function addonPath(): string {
  // The hall host's bundle is ESM and the desktop app's CommonJS; each names its own location.
  const here = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  return createRequire(path.resolve(here)).resolve('better-sqlite3-multiple-ciphers');
}

function pragmasFor(key: Uint8Array | null): string[] {
  return key ? [...chooseSqlCipherPragmas(), `key = ${rawKeyLiteral(key)}`] : [];
}

function runWorker(workerData: Record<string, unknown>): Promise<DatabaseCounts> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { addon: addonPath(), ...workerData } });
    worker.once('message', (message: { ok: boolean; result?: DatabaseCounts; message?: string; code?: string }) => {
      if (message.ok) resolve(message.result!);
      else reject(Object.assign(new Error(message.message), { code: message.code }));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`备份线程意外退出（${code}）`));
    });
  });
}

/** Copies the live database `source` to `target` (which must not exist) and counts the copy. */
export function snapshotDatabase(source: string, target: string, key: Uint8Array | null): Promise<DatabaseCounts> {
  return runWorker({ task: 'snapshot', source, target, pragmas: pragmasFor(key) });
}

/** Opens a database copy read-only with `key` and counts it (integrity check included). */
export function countDatabase(file: string, key: Uint8Array | null): Promise<DatabaseCounts> {
  return runWorker({ task: 'count', source: file, pragmas: pragmasFor(key) });
}
