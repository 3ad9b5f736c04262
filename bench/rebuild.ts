// Rebuilding a township from the county (issue 18, docs/rebuild.md): a demo township whose month
// of counter work (20,000 change-log entries, each with the rows it left) reached the hub, lost
// with its PC; a fresh installation rebuilds from the hub through a proxy held to 2 Mbit/s over
// HTTPS with the pinned certificate. Reported: the time, the bytes that came down, and the time
// the bytes alone would take at that bandwidth.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openBackend } from '../electron/backend/backend';
import { rebuildTownship } from '../electron/backend/sync/rebuildTownship';
import { demoTownshipHall, hubBehindSlowLink } from './countyLink';
import { existingIds, insertEntries, monthOfEntries, realCounterEntries } from './syncEntries';
import { round } from './stats';

export interface RebuildBenchOptions {
  entries: number;
  kbitPerSecond: number;
  seed: number;
  log: (line: string) => void;
}

const NOW = new Date('2026-11-02T01:30:00Z');
const PASSPHRASE = 'bench-同步口令-2026';
const SAMPLE_CASES = 40;

export async function benchRebuild(options: RebuildBenchOptions) {
  const log = options.log;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-bench-rebuild-'));
  const freshDir = await mkdtemp(path.join(os.tmpdir(), 'township-bench-rebuilt-'));
  const hubDir = await mkdtemp(path.join(os.tmpdir(), 'township-bench-rebuild-hub-'));
  try {
    const hall = await demoTownshipHall(dataDir, options.seed, NOW);
    let hallOpen = true;
    const county = await hubBehindSlowLink(hubDir, options.kbitPerSecond);
    const { hub, certificate, bytesPerSecond } = county;
    const link = { certificatePem: certificate.certificatePem, certificateFingerprint: certificate.fingerprint };
    try {
      log(`重建：窗口办件 ${SAMPLE_CASES} 件走完全程，作为一个月变更的样本……`);
      const kept = await existingIds(hall.backend.db);
      const templates = await realCounterEntries(
        hall.backend.db,
        hall.url,
        SAMPLE_CASES,
        NOW.toISOString().slice(0, 10),
      );
      // The sample's own cases stay in the log with their numbers: the made ones follow them.
      await insertEntries(hall.backend.db, monthOfEntries(templates, options.entries, NOW, kept, SAMPLE_CASES + 1));
      // The township sends over the fast link; only the rebuild goes through the slow one.
      const { nodeId, enrollment } = await hub.createNode({ townshipName: '青石镇', hubUrl: county.url, ...link });
      const enrolled = await hall.backend.sync.enroll(enrollment, PASSPHRASE);
      if (!enrolled.registered) throw new Error(enrolled.message);
      const sent = await hall.backend.sync.runOnce();
      if (!sent.ok) throw new Error(sent.message);
      const { appliedThrough } = await hub.nodeState(nodeId);
      await hall.close();
      hallOpen = false;

      const { enrollment: replacement } = await hub.authorizeReplacement(nodeId, {
        hubUrl: county.slowUrl,
        reason: '基准测试：原电脑损坏',
        ...link,
      });
      const fresh = await openBackend({ dataDir: freshDir, now: () => new Date(), sync: { log: () => {} } });
      try {
        log(`重建：经 ${options.kbitPerSecond} kbit/s 的代理从县级平台重建 ${appliedThrough} 条变更……`);
        const before = county.bytes;
        const started = performance.now();
        const outcome = await rebuildTownship(
          { db: fresh.db, sync: fresh.sync, now: () => new Date() },
          {
            file: replacement,
            passphrase: PASSPHRASE,
            administrator: { username: 'bench-admin', displayName: '基准', password: 'Bench2026x' },
          },
          () => {},
        );
        const seconds = (performance.now() - started) / 1000;
        const down = county.bytes.down - before.down;
        const up = county.bytes.up - before.up;
        const idealSeconds = down / bytesPerSecond;
        const cases = await fresh.db
          .selectFrom('counter_cases')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        return {
          entries: outcome.entries,
          rowsReplayed: outcome.rows,
          counterCases: Number(cases.n),
          bandwidthKbitPerSecond: options.kbitPerSecond,
          wireDownBytes: down,
          wireUpBytes: up,
          wireBytesPerEntry: round((up + down) / outcome.entries, 1),
          seconds: round(seconds, 1),
          transferSecondsAtBandwidth: round(idealSeconds, 1),
          applySeconds: round(Math.max(0, seconds - idealSeconds), 1),
        };
      } finally {
        await fresh.close();
      }
    } finally {
      if (hallOpen) await hall.close();
      await county.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await rm(freshDir, { recursive: true, force: true });
    await rm(hubDir, { recursive: true, force: true });
  }
}
