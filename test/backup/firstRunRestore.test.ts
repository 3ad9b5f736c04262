// Restoring a backup from the first-run screen over real HTTP: a fresh hall host on an empty data
// folder restores a township's backup and then serves it (its accounts sign in, its case is
// there, the restore is in its audit log), the empty folder moved aside and named; the procedures
// are refused once there is a user; a flipped byte is refused with the fresh folder untouched;
// requests meet 503 while the backend changes over; an encrypted backup on a host with another
// key asks for the recovery key; the desktop app takes the recovery key into its keychain.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test, type TestContext } from 'node:test';
import { DEMO_PASSWORD } from '../../demo/demoTownship';
import type { FirstRunRestoreProgress } from '../../shared/backup/api';
import type { SessionCarrier } from '../../electron/backend/backend';
import { openReplaceableBackend, type BackendHolder } from '../../electron/backend/backendHolder';
import { generationFolder, listGenerations } from '../../electron/backend/backup/backupFolder';
import { BACKUP_DATABASE_FILE } from '../../electron/backend/backup/manifest';
import { hallDatabaseKey } from '../../electron/hall/hallDatabaseKey';
import { startHall } from '../../electron/hall/startHall';
import { desktopDatabaseKey, desktopKeyHolder, WRAPPED_DATABASE_KEY_FILE } from '../../electron/main/databaseKeychain';
import type { KeyProtector } from '../../electron/backend/sync/keyStore';
import { localHallOptions, townshipAtWork } from '../support/townshipAtWork';
import { refused, resultOf, TestClient } from '../support/testHall';

type Outcome = NonNullable<FirstRunRestoreProgress['outcome']>;

let dir: string;
let backups: string;
let keyFile: string;
let key: Buffer;
let township: { name: string; caseId: string; caseNumber: string; generation: string };

before(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'township-first-run-restore-'));
  key = randomBytes(32);
  keyFile = path.join(dir, 'township.key');
  await writeFile(keyFile, key.toString('hex'), { mode: 0o600 });
  const work = await townshipAtWork(path.join(dir, 'township'), keyFile);
  try {
    const { db } = work.hall.backend;
    const receipt = await db
      .selectFrom('issued_documents')
      .select('record_id')
      .where('file_path', '=', work.receiptPath)
      .executeTakeFirstOrThrow();
    const row = await db
      .selectFrom('counter_cases')
      .select('case_number')
      .where('id', '=', receipt.record_id)
      .executeTakeFirstOrThrow();
    const status = await new TestClient(work.hall.url).ok('system.status', {});
    // Through the service, as the daily run does: the snapshot holds its own run, under way.
    backups = path.join(dir, 'backups');
    const answer = await work.hall.backend.backups.start('backup', '测试', backups);
    assert.ok(answer.started, answer.message);
    await work.hall.backend.backups.idle();
    const [generation] = await listGenerations(backups);
    assert.ok(generation, 'the backup was made');
    township = { name: status.townshipName, caseId: receipt.record_id, caseNumber: row.case_number!, generation };
  } finally {
    await work.hall.close();
  }
});
after(() => rm(dir, { recursive: true, force: true }));

/** A hall host on an empty data folder of its own, with `keyFile` as its `--db-key-file`. */
async function freshHall(t: TestContext, name: string, hallKeyFile: string | null) {
  const dataDir = path.join(dir, name);
  const hall = await startHall({ ...localHallOptions(dataDir), dbKeyFile: hallKeyFile }, () => {}, {
    logError: () => {},
  });
  t.after(() => hall.close());
  return { hall, dataDir, holder: hall.backend as BackendHolder, client: new TestClient(hall.url) };
}

/** Polls the progress until the restore has ended; a 503 (the change-over) is only a moment. */
async function restoreEnded(client: TestClient, holder: BackendHolder): Promise<{ outcome: Outcome; busy: number }> {
  let busy = 0;
  for (;;) {
    const answer = await client.call('backup.firstRunProgress', {});
    if (answer.status === 503) {
      refused(answer, 503, /正在换用从备份恢复的数据/);
      busy++;
    } else {
      const progress = resultOf<FirstRunRestoreProgress>(answer);
      if (!progress.running && progress.outcome) return { outcome: progress.outcome, busy };
    }
    await holder.restore.idle();
  }
}

/** The folders beside `dataDir` a restore leaves (moved aside, being assembled). */
async function besides(dataDir: string): Promise<string[]> {
  const base = path.basename(dataDir);
  return (await readdir(path.dirname(dataDir))).filter((name) => name.startsWith(`${base}.`)).sort();
}

describe('restoring a backup at first run', () => {
  test('a fresh hall restores the township: its accounts sign in, its case is there, the restore is audited; the empty folder is moved aside; refused once set up', async (t) => {
    const { hall, dataDir, holder, client } = await freshHall(t, 'fresh', keyFile);
    const freshNode = hall.backend.nodeId;
    assert.equal((await client.ok('system.status', {})).needsSetup, true);

    refused(
      await client.call('backup.firstRunGenerations', { folder: 'backups' }),
      400,
      /^备份位置：请填写完整路径/,
      'folder',
    );
    refused(
      await client.call('backup.firstRunGenerations', { folder: path.join(dir, 'no-such-usb') }),
      400,
      /^备份位置：找不到 .*no-such-usb/,
      'folder',
    );
    await mkdir(path.join(dir, 'empty-usb'));
    refused(
      await client.call('backup.firstRunGenerations', { folder: path.join(dir, 'empty-usb') }),
      400,
      /^备份位置：.*empty-usb 中没有备份/,
      'folder',
    );
    refused(
      await client.call('backup.firstRunGenerations', { folder: backups, recoveryKey: '本机密钥' }),
      400,
      /^恢复密钥：只能含数字 0–9 和字母 a–f/,
      'recoveryKey',
    );

    const listed = await client.ok('backup.firstRunGenerations', { folder: backups });
    assert.equal(listed.folder, backups);
    assert.equal(listed.generations.length, 1);
    const [generation] = listed.generations;
    assert.equal(generation!.name, township.generation);
    assert.equal(generation!.check, 'ok', generation!.problem ?? '');
    assert.equal(generation!.encrypted, true);
    assert.equal(generation!.files, 2);
    assert.ok((generation!.databaseBytes ?? 0) > 0);

    refused(
      await client.call('backup.firstRunRestore', { folder: backups, generation: '最新的' }),
      400,
      /^要恢复的备份：请从列表中选择一份备份/,
      'generation',
    );
    refused(
      await client.call('backup.firstRunRestore', {
        folder: backups,
        generation: township.generation,
        recoveryKey: 'ab'.repeat(10),
      }),
      400,
      /^恢复密钥：应为 64 个字符，现在是 20 个/,
      'recoveryKey',
    );

    const started = await client.ok('backup.firstRunRestore', { folder: backups, generation: township.generation });
    assert.equal(started.started, true);
    refused(
      await client.call('backup.firstRunRestore', { folder: backups, generation: township.generation }),
      409,
      /正在从备份恢复/,
    );
    const { outcome } = await restoreEnded(client, holder);
    assert.equal(outcome.ok, true, outcome.message ?? '');
    assert.equal(outcome.generation, township.generation);
    assert.match(outcome.movedAside ?? '', new RegExp(`^${dataDir}\\.before-restore-\\d{8}T\\d{6}Z$`));
    assert.deepEqual(await besides(dataDir), [path.basename(outcome.movedAside!)], 'nothing else is left beside it');
    assert.ok(
      (await stat(path.join(outcome.movedAside!, 'township.sqlite'))).isFile(),
      'the empty folder is kept whole',
    );

    // The restored data is served.
    const status = await client.ok('system.status', {});
    assert.equal(status.needsSetup, false);
    assert.equal(status.townshipName, township.name);
    assert.notEqual(hall.backend.nodeId, freshNode, 'the township’s own node');
    const clerk = new TestClient(hall.url);
    await clerk.ok('auth.login', { username: 'demo-clerk', password: DEMO_PASSWORD });
    const detail = await clerk.ok('counter.get', { caseId: township.caseId });
    assert.equal(detail.case.caseNumber, township.caseNumber);

    // Audited in the restored database: by whom (nobody signed in), from where, which backup.
    const admin = new TestClient(hall.url);
    await admin.ok('auth.login', { username: 'demo-admin', password: DEMO_PASSWORD });
    const events = await admin.ok('audit.events', { action: 'restore' });
    assert.equal(events.items.length, 1);
    const [event] = events.items;
    assert.equal(event!.actorName, '首次启动恢复');
    const { origin } = await hall.backend.db
      .selectFrom('audit_events')
      .select('origin')
      .where('id', '=', event!.id)
      .executeTakeFirstOrThrow();
    assert.match(origin, /127\.0\.0\.1/);
    assert.match(event!.summary, new RegExp(`${backups} 中的 ${township.generation}`));
    assert.match(event!.summary, /原数据目录改名保留为 .*before-restore/);
    // The run the snapshot caught under way counts as the good backup it was.
    const backupStatus = await admin.ok('backup.status', {});
    assert.equal(backupStatus.lastGood?.generation, township.generation, JSON.stringify(backupStatus.lastRun));

    // Once set up, the first-run procedures are refused.
    refused(await client.call('backup.firstRunGenerations', { folder: backups }), 409, /已完成首次设置/);
    refused(
      await client.call('backup.firstRunRestore', { folder: backups, generation: township.generation }),
      409,
      /已完成首次设置/,
    );
  });

  test('a flipped byte in the backup is refused and the fresh folder is untouched; while the backend changes over, requests get 503', async (t) => {
    const flippedBackups = path.join(dir, 'flipped-backups');
    await cp(backups, flippedBackups, { recursive: true });
    const copy = path.join(generationFolder(flippedBackups, township.generation), BACKUP_DATABASE_FILE);
    const bytes = await readFile(copy);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    await writeFile(copy, bytes);

    const { hall, dataDir, holder, client } = await freshHall(t, 'fresh-flipped', keyFile);
    const freshNode = hall.backend.nodeId;
    const filesBefore = (await readdir(dataDir, { recursive: true })).sort();
    // A quick look does not read every byte: the flip is found when restoring.
    assert.equal(
      (await client.ok('backup.firstRunGenerations', { folder: flippedBackups })).generations[0]!.check,
      'ok',
    );
    await client.ok('backup.firstRunRestore', { folder: flippedBackups, generation: township.generation });
    const { outcome, busy } = await restoreEnded(client, holder);
    assert.equal(outcome.ok, false);
    assert.match(outcome.message ?? '', /备份校验未通过：数据库副本的内容与清单不符/);
    assert.equal(busy, 0, 'the backend was never closed');
    assert.deepEqual(await besides(dataDir), [], 'nothing moved aside, no copy left');
    assert.deepEqual((await readdir(dataDir, { recursive: true })).sort(), filesBefore);
    assert.equal(hall.backend.nodeId, freshNode);
    assert.equal((await client.ok('system.status', {})).needsSetup, true);

    // The change-over itself: requests meet 503 with a Chinese sentence, never a closed database.
    await holder.suspend(async () => {});
    refused(await client.call('system.status', {}), 503, /正在换用从备份恢复的数据，请稍候片刻再试/);
    const upload = await client.uploadRaw(new Uint8Array([1, 2, 3]));
    assert.equal(upload.status, 503);
    await holder.resume(key);
    assert.equal((await client.ok('system.status', {})).needsSetup, true);
    assert.equal(hall.backend.nodeId, freshNode, 'the same folder opened again');
  });

  test('an encrypted backup on a host with another key: the recovery key is asked for beside its field; a key file holding another key is refused; a key file gone is written with it', async (t) => {
    const otherKeyFile = path.join(dir, 'other.key');
    await writeFile(otherKeyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
    const { hall, holder, client } = await freshHall(t, 'fresh-other-key', otherKeyFile);
    const [listed] = (await client.ok('backup.firstRunGenerations', { folder: backups })).generations;
    assert.equal(listed!.check, 'needsKey');
    assert.match(listed!.problem ?? '', /本机的数据库密钥打不开它/);
    const request = { folder: backups, generation: township.generation };
    refused(
      await client.call('backup.firstRunRestore', request),
      400,
      /^恢复密钥：这份备份是加密的，本机的数据库密钥打不开它，请输入原电脑导出的“数据库恢复密钥”/,
      'recoveryKey',
    );
    refused(
      await client.call('backup.firstRunRestore', { ...request, recoveryKey: randomBytes(32).toString('hex') }),
      400,
      /^恢复密钥：与这份备份不符/,
      'recoveryKey',
    );
    // Spaces between groups, as typed from a printout, are fine; the host's key file is not the key.
    const typed = key.toString('hex').replace(/(.{8})/g, '$1 ');
    assert.equal(
      (await client.ok('backup.firstRunGenerations', { folder: backups, recoveryKey: typed })).generations[0]!.check,
      'ok',
    );
    refused(
      await client.call('backup.firstRunRestore', { ...request, recoveryKey: typed }),
      400,
      /^恢复密钥：本主机的密钥文件 .*other\.key 中是另一把密钥.*--db-key-file/,
      'recoveryKey',
    );
    assert.match(
      (await hallDatabaseKey(null, dir, null).refusal(key)) ?? '',
      /没有指定数据库密钥文件/,
      'a host without a key file has nowhere to keep it',
    );

    await rm(otherKeyFile);
    await client.ok('backup.firstRunRestore', { ...request, recoveryKey: typed });
    const { outcome } = await restoreEnded(client, holder);
    assert.equal(outcome.ok, true, outcome.message ?? '');
    assert.equal((await readFile(otherKeyFile, 'utf8')).trim(), key.toString('hex'));
    if (process.platform !== 'win32') assert.equal(((await stat(otherKeyFile)).mode & 0o777).toString(8), '600');
    await new TestClient(hall.url).ok('auth.login', { username: 'demo-clerk', password: DEMO_PASSWORD });
    assert.equal(hall.backend.backups.databaseKey()?.length, 32);
    assert.ok(Buffer.from(hall.backend.backups.databaseKey()!).equals(key), 'the restored data runs on its key');
  });

  test('the desktop app: the recovery key goes into the keychain, the fresh folder’s wrapped key kept aside', async (t) => {
    const userData = path.join(dir, 'userData');
    const dataDir = path.join(userData, 'data');
    await mkdir(dataDir, { recursive: true });
    const keychain: KeyProtector = {
      protect: async (secret) => Buffer.from(`clerk:${Buffer.from(secret).toString('hex')}`).toString('base64'),
      unprotect: async (stored) => Buffer.from(Buffer.from(stored, 'base64').toString('utf8').split(':')[1]!, 'hex'),
    };
    const fresh = await desktopDatabaseKey(dataDir, keychain);
    assert.ok(fresh.key && fresh.created);
    const holder = await openReplaceableBackend({
      dataDir,
      databaseKey: fresh.key,
      logError: () => {},
      keys: desktopKeyHolder(dataDir, keychain, fresh.key),
    });
    t.after(() => holder.close());
    const window: SessionCarrier = { token: null, setToken: (token) => void (window.token = token), origin: 'ipc' };
    const ipc = async <T>(procedure: string, input: unknown): Promise<T> => {
      const answer = await holder.dispatch(procedure, input, window);
      assert.ok(answer.ok, JSON.stringify(answer));
      return answer.result as T;
    };
    await ipc('backup.firstRunRestore', {
      folder: backups,
      generation: township.generation,
      recoveryKey: key.toString('hex'),
    });
    await holder.restore.idle();
    const { outcome } = await ipc<FirstRunRestoreProgress>('backup.firstRunProgress', {});
    assert.equal(outcome?.ok, true, outcome?.message ?? '');

    const reopened = await desktopDatabaseKey(dataDir, keychain);
    assert.ok(reopened.key && Buffer.from(reopened.key).equals(key), 'the next start opens the restored data');
    const asides = (await readdir(userData)).filter((name) =>
      name.startsWith(`${WRAPPED_DATABASE_KEY_FILE}.before-restore-`),
    );
    assert.equal(asides.length, 1);
    const kept = await keychain.unprotect((await readFile(path.join(userData, asides[0]!), 'utf8')).trim());
    assert.ok(Buffer.from(kept).equals(fresh.key), 'the moved-aside folder’s key is kept');
    await ipc('auth.login', { username: 'demo-clerk', password: DEMO_PASSWORD });
    const restoreEvent = await holder.db
      .selectFrom('audit_events')
      .select(['actor_name', 'origin'])
      .where('action', '=', 'restore')
      .executeTakeFirstOrThrow();
    assert.deepEqual(restoreEvent, { actor_name: '首次启动恢复', origin: 'ipc' });
  });
});
