// `npm run hub -- --demo`: three demo townships whose records reach the county the way every
// township's do. Each is a real township backend (SQLite) in <data>/demo-townships/<n>/, filled
// by the demo generators (demo/) and by its staff through its own API (demoMatters.ts), enrolled
// with a file this hub issued, and synced up by its own sync engine — sealed, signed batches
// over HTTPS to this hub's own address, its certificate pinned from the file. So what the
// county page shows for them went through enrollment, envelopes, the hash chain and apply; it
// is not written into the hub's tables from the side.
//
// On a later start the townships are opened again and synced (the day's report and anything
// left); none is made twice. A hub that already serves other townships gets no new demo ones:
// their figures would be mixed into a real county's.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { SUITE_SHORT_LABELS } from '../../shared/sync/suiteIds';
import { seedDemoTownship } from '../../demo/demoTownship';
import { openBackend, type Backend } from '../../electron/backend/backend';
import { DEFAULT_SETTINGS, localDate } from '../../electron/backend/api/settings';
import { readEnrollment, writeEnrollment } from '../../electron/backend/sync/syncState';
import type { Hub } from '../hub';
import type { FontLocation } from '../../electron/backend/documents/fonts';
import { enterDemoErrands } from './demoErrands';
import { enterDemoMatters } from './demoMatters';
import {
  DEMO_TOWNSHIPS,
  DEMO_TOWNSHIPS_FOLDER,
  newManifest,
  readManifest,
  townshipFolder,
  writeManifest,
  type DemoManifest,
  type DemoTownship,
} from './demoTownships';

export interface CountyDemoInput {
  hub: Hub;
  dataDir: string;
  /** The hub as this machine reaches it (the townships sync to it): https://127.0.0.1:<port>. */
  hubUrl: string;
  /** The hub's certificate: written into the enrollment files and pinned by the townships. */
  certificatePem: string;
  certificateFingerprint: string;
  /** The county page, for the last line. */
  pageUrl: string;
  /** Where the townships' papers find their fonts (the errands' authorisations and receipts). */
  fonts?: FontLocation;
  print: (line: string) => void;
}

export interface CountyDemo {
  /** Resolves when the demo is ready (true) or has given up (false; the log says why). */
  readonly ready: Promise<boolean>;
  /** Stops after the step in progress and closes the township open at the time. */
  close(): Promise<void>;
}

/** The line that says the demo is ready (tests wait for it). */
export const DEMO_READY = '县级演示已就绪';

class DemoStopped extends Error {}

export function startCountyDemo(input: CountyDemoInput): CountyDemo {
  let stopping = false;
  const checkpoint = () => {
    if (stopping) throw new DemoStopped();
  };
  const ready = runDemo(input, checkpoint).then(
    (done) => done,
    (error: unknown) => {
      if (error instanceof DemoStopped) return false;
      input.print(`县级演示未能完成：${error instanceof Error ? error.message : String(error)}`);
      return false;
    },
  );
  return {
    ready,
    async close() {
      stopping = true;
      await ready;
    },
  };
}

async function runDemo(input: CountyDemoInput, checkpoint: () => void): Promise<boolean> {
  const started = Date.now();
  const { hub, print } = input;
  await mkdir(path.join(input.dataDir, DEMO_TOWNSHIPS_FOLDER), { recursive: true, mode: 0o700 });
  const known = new Map((await hub.townships()).map((t) => [t.nodeId, t]));
  const manifests = new Map<DemoTownship, DemoManifest | null>();
  for (const township of DEMO_TOWNSHIPS) {
    let found = await readManifest(townshipFolder(input.dataDir, township));
    // A node the hub does not know (its database was replaced under the same folder): the
    // township would be refused as unknown; it is made again.
    if (found?.nodeId && !known.has(found.nodeId)) {
      print(`演示乡镇「${township.townshipName}」的节点不在本平台的数据库中，重新生成`);
      found = null;
    }
    manifests.set(township, found);
  }
  const ours = new Set([...manifests.values()].map((m) => m?.nodeId).filter((id): id is string => Boolean(id)));
  const others = [...known.values()].filter((t) => !ours.has(t.nodeId));
  const toMake = DEMO_TOWNSHIPS.filter((t) => !manifests.get(t)?.nodeId);
  if (others.length > 0 && toMake.length > 0) {
    print(
      `县级平台上已有 ${others.length} 个其他乡镇节点（${others.map((t) => t.townshipName).join('、')}）：` +
        '为免演示数据混入正式数据，不再新建演示乡镇。要看演示，请用一个新的数据目录，如 npm run hub -- --demo --data ./hub-demo',
    );
    if (toMake.length === DEMO_TOWNSHIPS.length) return false;
  }
  print(
    toMake.length === DEMO_TOWNSHIPS.length
      ? `正在准备县级演示：${DEMO_TOWNSHIPS.length} 个演示乡镇，生成近几个月的记录后经同步送达本平台……`
      : '正在同步县级演示的乡镇……',
  );
  let entries = 0;
  const synced: string[] = [];
  for (const [index, township] of DEMO_TOWNSHIPS.entries()) {
    checkpoint();
    const manifest = manifests.get(township) ?? null;
    if (!manifest?.nodeId && others.length > 0) continue;
    const label = `演示乡镇 ${index + 1}/${DEMO_TOWNSHIPS.length}「${township.townshipName}」`;
    entries += await runTownship(input, township, manifest, label, checkpoint);
    synced.push(township.townshipName);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  print(
    `${DEMO_READY}（用时 ${seconds} 秒，本次收到 ${entries} 条记录）：${synced.join('、')}` +
      `的记录已经由同步送达县级平台。打开县级页面 ${input.pageUrl} ，用上面所说的县级页面访问口令登录即可查看`,
  );
  return true;
}

/** One township from wherever the last start left it to synced. @returns entries the hub took in this time. */
async function runTownship(
  input: CountyDemoInput,
  township: DemoTownship,
  found: DemoManifest | null,
  label: string,
  checkpoint: () => void,
): Promise<number> {
  const { hub, print } = input;
  const folder = townshipFolder(input.dataDir, township);
  let manifest = found;
  if (!manifest?.seededAt) {
    // Nothing reusable: a start cut off while generating left half a township.
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder, { recursive: true, mode: 0o700 });
    manifest = newManifest(township);
  }
  const backend = await openTownship(folder, manifest, township, input);
  try {
    if (!manifest.seededAt) {
      print(
        `${label}：正在生成演示数据（${township.residents} 位居民，近几个月的办件、纠纷、信访与群众诉求，今天的代办）……`,
      );
      const now = new Date();
      // Generated, not typed by anyone, and nothing has gone to the county yet: a power cut here
      // only means the folder is made again (the manifest comes after the checkpoint below). A
      // few hundred commits without waiting for the disk each keep the demo quick on a busy PC.
      await sql`PRAGMA synchronous = NORMAL`.execute(backend.db);
      const summary = await seedDemoTownship(backend.db, {
        residents: township.residents,
        seed: township.seed,
        now,
        townshipName: township.townshipName,
      });
      checkpoint();
      const matters = await enterDemoMatters(backend, {
        today: localDate(now, DEFAULT_SETTINGS.timeZone),
        count: township.matters,
        seed: township.seed,
      });
      const errands = await enterDemoErrands(backend, { count: township.errands, seed: township.seed });
      // From here on the township syncs, and its sealed batches must survive as they were sent.
      await sql`PRAGMA synchronous = FULL`.execute(backend.db);
      await sql`PRAGMA wal_checkpoint(FULL)`.execute(backend.db);
      manifest = { ...manifest, seededAt: now.toISOString() };
      await writeManifest(folder, manifest);
      print(
        `${label}：${summary.villages} 个村（社区），${summary.residents} 位居民，近三个月 ${summary.counterCases} 件办件，` +
          `${summary.disputes} 件纠纷，${summary.petitions} 件信访，${matters} 件群众诉求，` +
          `今天 ${errands.registered} 件代办（${errands.handedOver} 件已交窗口）`,
      );
    }
    checkpoint();
    let nodeId = manifest.nodeId;
    if (!nodeId) {
      const created = await hub.createNode({
        townshipName: township.townshipName,
        hubUrl: input.hubUrl,
        certificatePem: input.certificatePem,
        certificateFingerprint: input.certificateFingerprint,
        suite: township.suite,
      });
      nodeId = created.nodeId;
      manifest = { ...manifest, nodeId, enrollment: created.enrollment };
      await writeManifest(folder, manifest);
    }
    if (!(await backend.sync.status()).enrolled) {
      if (!manifest.enrollment) throw new Error(`${label}：入网文件缺失，请删除 ${folder} 后重新启动`);
      const enrolled = await backend.sync.enroll(manifest.enrollment, manifest.passphrase);
      print(`${label}：已导入县级平台发放的入网文件（${SUITE_SHORT_LABELS[township.suite]}）。${enrolled.message}`);
      manifest = { ...manifest, enrollment: null };
      await writeManifest(folder, manifest);
    }
    checkpoint();
    await followHub(backend, input, label);
    const before = (await hub.nodeState(nodeId)).appliedThrough;
    print(`${label}：正在经 HTTPS 同步到 ${input.hubUrl} ……`);
    await syncUntilEmpty(backend, label);
    const after = (await hub.nodeState(nodeId)).appliedThrough;
    print(`${label}：同步完成，县级平台新收到 ${after - before} 条记录（共 ${after} 条）`);
    return after - before;
  } finally {
    await backend.close();
  }
}

async function openTownship(
  folder: string,
  manifest: DemoManifest,
  township: DemoTownship,
  { print, fonts }: CountyDemoInput,
): Promise<Backend> {
  return openBackend({
    dataDir: folder,
    fonts,
    // The errands' papers are drawn on this thread: the hub's bundle has no render worker beside it.
    renderInWorkers: false,
    logError: (error, procedure) =>
      print(
        `演示乡镇「${township.townshipName}」${procedure} 出错：${error instanceof Error ? error.message : String(error)}`,
      ),
    sync: {
      passphrase: manifest.passphrase,
      // The hub is on this machine: a failure is not a flaky link, and should be said soon.
      retry: { maxAttempts: 3 },
      log: (line) => print(`演示乡镇「${township.townshipName}」：${line}`),
    },
  });
}

/**
 * A later start may listen on another port, or serve another certificate (--tls-cert): the demo
 * townships, kept inside this hub's own data folder, follow it — as a county would send its
 * townships a new enrollment file. Anyone able to change the hub's certificate holds this
 * folder already, so following the pin here gives nothing away.
 */
async function followHub(backend: Backend, input: CountyDemoInput, label: string): Promise<void> {
  const enrollment = await readEnrollment(backend.db);
  if (!enrollment) return;
  if (enrollment.hubUrl === input.hubUrl && enrollment.certificateFingerprint === input.certificateFingerprint) return;
  await writeEnrollment(backend.db, {
    ...enrollment,
    hubUrl: input.hubUrl,
    certificatePem: input.certificatePem,
    certificateFingerprint: input.certificateFingerprint,
  });
  input.print(`${label}：县级平台的地址或证书与上次不同，演示乡镇改用 ${input.hubUrl}`);
}

/** Runs the township's sync until nothing is left to send (a run sends everything it had sealed). */
async function syncUntilEmpty(backend: Backend, label: string): Promise<void> {
  for (let run = 1; ; run++) {
    const result = await backend.sync.runOnce();
    if (!result.ok) throw new Error(`${label}：同步失败：${result.message}`);
    const { pending } = await backend.sync.status();
    if (pending.entries === 0 && pending.files === 0) return;
    if (run >= 5) throw new Error(`${label}：同步 ${run} 次后仍有 ${pending.entries} 条记录未送达`);
  }
}
