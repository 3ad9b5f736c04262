// Upward sync, as issue 6 measures it:
//  1. A busy month offline (20,000 change-log entries) sent through a proxy held to 256 kbit/s,
//     over HTTPS with the pinned certificate: bytes on the wire per entry against plain JSON,
//     and the time against the ideal (all entries' JSON deflated as one stream ÷ bandwidth).
//  2. The hub applying batches from 50 townships at once, on PostgreSQL (and SQLite beside it).
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { deflateRawSync } from 'node:zlib';
import type { Selectable } from 'kysely';
import { openDatabase } from '../electron/backend/db/database';
import type { Database } from '../electron/backend/db/schema';
import { seedDemoTownship } from '../demo/demoTownship';
import { createSelfSignedCertificate } from '../hub/certificate';
import { openHub, type Hub } from '../hub/hub';
import { startHubServer } from '../hub/server';
import type { ChangeEntry } from '../shared/sync/protocol';
import { startPostgres } from '../test/support/postgres';
import { makeTestNode } from '../test/support/syncNode';
import { startBenchHall } from './benchHall';
import { demoTownshipHall, hubBehindSlowLink } from './countyLink';
import { existingIds, insertEntries, monthOfEntries, realCounterEntries } from './syncEntries';
import { round } from './stats';

export interface SyncBenchOptions {
  entries: number;
  kbitPerSecond: number;
  nodes: number;
  entriesPerNode: number;
  entriesPerBatch: number;
  seed: number;
  log: (line: string) => void;
}

const NOW = new Date('2026-11-02T01:30:00Z');
const PASSPHRASE = 'bench-同步口令-2026';

type LogRow = Selectable<Database['change_log']>;

/** The log rows as they travel (ChangeEntry), for the plain-JSON and ideal figures. */
function asChangeEntries(rows: readonly LogRow[]): ChangeEntry[] {
  return rows.map((r) => ({
    seq: r.seq,
    id: r.id,
    entity: r.entity,
    entityId: r.entity_id,
    op: r.op,
    data: JSON.parse(r.data) as unknown,
    actorId: r.actor_id,
    actorName: r.actor_name,
    at: r.at,
    ...(r.row_images ? { rows: JSON.parse(r.row_images) as ChangeEntry['rows'] } : {}),
  }));
}

async function overSlowLink(options: SyncBenchOptions) {
  const log = options.log;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-bench-sync-'));
  const hubDir = await mkdtemp(path.join(os.tmpdir(), 'township-bench-hub-'));
  try {
    const hall = await demoTownshipHall(dataDir, options.seed, NOW);
    const link = await hubBehindSlowLink(hubDir, options.kbitPerSecond);
    const { hub, certificate, bytesPerSecond } = link;
    try {
      log('同步：窗口办件 40 件走完全程，作为一个月变更的样本……');
      const kept = await existingIds(hall.backend.db);
      const templates = await realCounterEntries(hall.backend.db, hall.url, 40, NOW.toISOString().slice(0, 10));
      log(`同步：按样本（${templates.length} 条）生成 ${options.entries} 条变更……`);
      await insertEntries(hall.backend.db, monthOfEntries(templates, options.entries, NOW, kept));

      const { enrollment } = await hub.createNode({
        townshipName: '青石镇',
        hubUrl: link.slowUrl,
        certificatePem: certificate.certificatePem,
        certificateFingerprint: certificate.fingerprint,
      });
      const enrolled = await hall.backend.sync.enroll(enrollment, PASSPHRASE);
      if (!enrolled.registered) throw new Error(enrolled.message);

      const rows = await hall.backend.db.selectFrom('change_log').selectAll().orderBy('seq').execute();
      const json = Buffer.from(JSON.stringify(asChangeEntries(rows)));
      const idealBytes = deflateRawSync(json, { level: 9 }).length;
      const idealSeconds = idealBytes / bytesPerSecond;
      log(
        `同步：经 ${options.kbitPerSecond} kbit/s 的代理上报 ${rows.length} 条（理想 ${round(idealSeconds, 1)} 秒）……`,
      );

      const before = link.bytes;
      const started = performance.now();
      const result = await hall.backend.sync.runOnce();
      const seconds = (performance.now() - started) / 1000;
      if (!result.ok) throw new Error(result.message);
      const state = await hub.nodeState(enrollment.nodeId);
      const sent = Number(
        (
          await hall.backend.db
            .selectFrom('change_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      const batches = await hall.backend.db.selectFrom('sync_batches').select(['entries', 'bytes']).execute();
      const up = link.bytes.up - before.up;
      const down = link.bytes.down - before.down;
      return {
        entries: sent,
        appliedAtHub: state.appliedThrough,
        batches: batches.length,
        bandwidthKbitPerSecond: options.kbitPerSecond,
        plainJsonBytesPerEntry: round(json.length / rows.length, 1),
        idealDeflatedBytesPerEntry: round(idealBytes / rows.length, 1),
        envelopeBytesPerEntry: round(batches.reduce((s, b) => s + b.bytes, 0) / sent, 1),
        wireBytesPerEntry: round((up + down) / sent, 1),
        wireUpBytes: up,
        wireDownBytes: down,
        wireVsPlainJson: round((up + down) / json.length, 3),
        seconds: round(seconds, 1),
        idealSeconds: round(idealSeconds, 1),
        timeVsIdeal: round(seconds / idealSeconds, 3),
        goal: { timeVsIdealAtMost: 1.3, met: seconds / idealSeconds <= 1.3 },
      };
    } finally {
      await link.close();
      await hall.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await rm(hubDir, { recursive: true, force: true });
  }
}

/** `nodes` townships post their batches at once, each in order, over HTTP with keep-alive. */
export async function hubThroughput(
  hub: Hub,
  options: Pick<SyncBenchOptions, 'nodes' | 'entriesPerNode' | 'entriesPerBatch'>,
  sample: readonly ChangeEntry[],
) {
  BENCH_CERTIFICATE ??= await createSelfSignedCertificate({ commonName: '县级平台', altNames: ['127.0.0.1'] });
  const server = await startHubServer({
    hub,
    host: '127.0.0.1',
    port: 0,
    tls: null,
    countyToken: 'bench',
    uiDir: null,
  });
  try {
    const nodes = [];
    for (let i = 0; i < options.nodes; i++) {
      const { enrollment } = await hub.createNode({
        townshipName: `第${i + 1}镇`,
        hubUrl: server.url,
        certificatePem: BENCH_CERTIFICATE.certificatePem,
        certificateFingerprint: BENCH_CERTIFICATE.fingerprint,
      });
      const node = makeTestNode(enrollment);
      await hub.register(node.registration(), 'link');
      const batches: Uint8Array[] = [];
      for (let done = 0; done < options.entriesPerNode; done += options.entriesPerBatch) {
        const n = Math.min(options.entriesPerBatch, options.entriesPerNode - done);
        const entries = node.entries(n, (seq) => {
          const { seq: _seq, ...rest } = sample[(seq + i * 997) % sample.length]!;
          return rest;
        });
        batches.push(node.batch(entries));
      }
      nodes.push(batches);
    }
    const agent = new Agent({ keepAlive: true, maxSockets: options.nodes });
    const post = (body: Uint8Array) =>
      new Promise<void>((resolve, reject) => {
        const url = new URL('/sync/v1/batches', server.url);
        const request = httpRequest(
          url,
          {
            method: 'POST',
            agent,
            headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': body.length },
          },
          (response) => {
            response.resume();
            response.on('end', () =>
              response.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${response.statusCode}`)),
            );
          },
        );
        request.on('error', reject);
        request.end(body);
      });
    const started = performance.now();
    await Promise.all(
      nodes.map(async (batches) => {
        for (const batch of batches) await post(batch);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    agent.destroy();
    const total = options.nodes * options.entriesPerNode;
    return {
      nodes: options.nodes,
      entries: total,
      entriesPerBatch: options.entriesPerBatch,
      seconds: round(seconds, 2),
      entriesPerSecond: Math.round(total / seconds),
    };
  } finally {
    await server.close();
  }
}

/** Enrollment files need a certificate; the apply bench talks plain HTTP to measure the hub alone. */
let BENCH_CERTIFICATE: { certificatePem: string; fingerprint: string } | undefined;

export async function benchSync(options: SyncBenchOptions) {
  const log = options.log;
  const link = await overSlowLink(options);
  const sample = await applySample(options.seed);

  const apply: Record<string, unknown> = {};
  for (const dialect of ['postgres', 'sqlite'] as const) {
    const hubDir = await mkdtemp(path.join(os.tmpdir(), 'township-bench-hub-'));
    const postgres = dialect === 'postgres' ? await startPostgres({ durable: true }) : null;
    try {
      if (dialect === 'postgres' && !postgres) {
        apply[dialect] = { skipped: '未安装 PostgreSQL' };
        continue;
      }
      const hub = await openHub({
        dataDir: hubDir,
        postgres: postgres ? await postgres.newDatabase() : undefined,
        log: () => {},
      });
      try {
        log(`同步：${options.nodes} 个乡镇同时上报，县级平台（${dialect}）入库……`);
        apply[dialect] = await hubThroughput(hub, options, sample);
      } finally {
        await hub.close();
      }
    } finally {
      await postgres?.stop();
      await rm(hubDir, { recursive: true, force: true });
    }
  }
  const pgRate = (apply.postgres as { entriesPerSecond?: number } | undefined)?.entriesPerSecond;
  return {
    slowLink: link,
    hubApply: apply,
    goals: {
      slowLinkTimeVsIdealAtMost: 1.3,
      slowLinkMet: link.timeVsIdeal <= 1.3,
      postgresEntriesPerSecondAtLeast: 5_000,
      postgresMet: pgRate !== undefined ? pgRate >= 5_000 : null,
    },
  };
}

/** A month's entries of a demo township's counter (real entries repeated): what townships send in the apply benches. */
export async function applySample(seed: number): Promise<ChangeEntry[]> {
  const sampleDir = await mkdtemp(path.join(os.tmpdir(), 'township-bench-sample-'));
  try {
    const db = await openDatabase(sampleDir);
    await seedDemoTownship(db, { residents: 500, seed, now: NOW, counterCases: false, disputes: false });
    await db.destroy();
    const hall = await startBenchHall(sampleDir, NOW);
    try {
      const templates = await realCounterEntries(hall.backend.db, hall.url, 20, NOW.toISOString().slice(0, 10));
      await insertEntries(hall.backend.db, monthOfEntries(templates, 5_000, NOW));
      return asChangeEntries(await hall.backend.db.selectFrom('change_log').selectAll().orderBy('seq').execute());
    } finally {
      await hall.close();
    }
  } finally {
    await rm(sampleDir, { recursive: true, force: true });
  }
}
