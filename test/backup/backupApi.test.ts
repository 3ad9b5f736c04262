// The administrator's backups over real HTTP: settings refused by field, "backup now" with its
// progress and result, the warning when the last good backup is too old or a run failed, the
// daily schedule, the restore drill, and the same from the command line.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openBackend } from '../../electron/backend/backend';
import { isBackupDue } from '../../electron/backend/backup/backupService';
import { readDatabaseKeyFile } from '../../electron/backend/db/databaseKey';
import { ADMIN, refused, signedInAs, startSetUpHall, type TestClient, type TestHall } from '../support/testHall';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('backups from the administrator’s screen', () => {
  let hall: TestHall;
  let admin: TestClient;
  let scratch: string;
  before(async () => {
    ({ hall, admin } = await startSetUpHall());
    scratch = await mkdtemp(path.join(os.tmpdir(), 'township-backup-api-'));
  });
  after(async () => {
    await hall.close();
    await rm(scratch, { recursive: true, force: true });
  });

  /** Polls the status until no run is going (the run is in the background). */
  async function finished() {
    for (;;) {
      const status = await admin.ok('backup.status', {});
      if (!status.running) return status;
      await hall.backend.backups.idle();
    }
  }

  test('before any setting: the screens are red; only the administrator may ask', async () => {
    const status = await admin.ok('backup.status', {});
    assert.equal(status.settings, null);
    assert.match(status.warning ?? '', /尚未设置数据备份/);
    const clerk = await signedInAs(hall, admin, 'clerk', ['counterClerk']);
    refused(await clerk.call('backup.status', {}), 403, /无权/);
    const answer = await admin.ok('backup.runNow', {});
    assert.equal(answer.started, false);
    assert.match(answer.message, /尚未设置备份位置/);
  });

  test('settings are refused beside the field: a relative path, the data folder, an unwritable place, bad numbers', async () => {
    const settings = { folder: path.join(scratch, 'backups'), keep: 7, maxAgeDays: 2, dailyAt: '12:10' };
    refused(await admin.call('backup.saveSettings', { ...settings, folder: 'backups' }), 400, /完整路径/, 'folder');
    refused(
      await admin.call('backup.saveSettings', { ...settings, folder: path.join(hall.dataDir, 'b') }),
      400,
      /不能在数据目录之内/,
      'folder',
    );
    await writeFile(path.join(scratch, 'a-file'), 'x');
    refused(
      await admin.call('backup.saveSettings', { ...settings, folder: path.join(scratch, 'a-file', 'b') }),
      400,
      /无法写入/,
      'folder',
    );
    refused(await admin.call('backup.saveSettings', { ...settings, keep: 0 }), 400, /至少保留 1 份/, 'keep');
    refused(await admin.call('backup.saveSettings', { ...settings, dailyAt: '25:00' }), 400, /时:分/, 'dailyAt');
    const saved = await admin.ok('backup.saveSettings', settings);
    assert.deepEqual(saved.settings, settings);
    assert.match(saved.warning ?? '', /还没有成功的备份/);
  });

  test('backup now: a verified backup in the folder, its result shown; too old later, red again; the drill restores it', async () => {
    const answer = await admin.ok('backup.runNow', {});
    assert.deepEqual(answer, { started: true, message: '已开始备份' });
    const again = await admin.ok('backup.runNow', {});
    assert.equal(again.started, false, 'one run at a time');
    const status = await finished();
    assert.equal(status.lastGood?.outcome, 'ok', JSON.stringify(status.lastRun));
    assert.ok(status.lastGood.generation);
    assert.ok((status.lastGood.databaseBytes ?? 0) > 0);
    assert.equal(status.lastGood.startedBy, '王管理');
    assert.equal(status.warning, null);
    assert.deepEqual(await readdir(path.join(scratch, 'backups', 'generations')), [status.lastGood.generation]);

    hall.clock.advanceMinutes(3 * 24 * 60);
    await admin.ok('auth.login', { username: ADMIN.username, password: ADMIN.password });
    assert.match((await admin.ok('backup.status', {})).warning ?? '', /已经 3 天没有成功备份（超过设定的 2 天）/);

    assert.equal((await admin.ok('backup.drillNow', {})).started, true);
    const drilled = await finished();
    assert.equal(drilled.lastDrill?.outcome, 'ok', JSON.stringify(drilled.lastDrill));
    assert.equal(drilled.lastDrill.generation, status.lastGood.generation);
  });

  test('a failed run (the folder gone) turns the screens red with the reason; the schedule runs the daily backup once its time has passed', async () => {
    await admin.ok('backup.saveSettings', {
      folder: path.join(scratch, 'usb'),
      keep: 7,
      maxAgeDays: 2,
      dailyAt: '12:10',
    });
    await rm(path.join(scratch, 'usb'), { recursive: true });
    await writeFile(path.join(scratch, 'usb'), 'not a folder: the drive was swapped');
    await admin.ok('backup.runNow', {});
    const failed = await finished();
    assert.equal(failed.lastRun?.outcome, 'failed');
    assert.match(failed.warning ?? '', /最近一次备份失败/);
    await rm(path.join(scratch, 'usb'));

    // 09:00 in Beijing on the 27th: today's 12:10 has not come; yesterday's came after the failed run.
    hall.clock.current = new Date('2026-11-27T01:00:00Z');
    await admin.ok('auth.login', { username: ADMIN.username, password: ADMIN.password });
    assert.equal(await hall.backend.backups.runDue(), 'backup', 'yesterday’s time passed since the last attempt');
    const scheduled = await finished();
    assert.equal(scheduled.lastRun?.outcome, 'ok');
    assert.equal(scheduled.lastRun.startedBy, '自动');
    assert.equal(scheduled.warning, null);
    assert.equal(await hall.backend.backups.runDue(), null, 'nothing more until 12:10');
    hall.clock.current = new Date('2026-11-27T04:11:00Z');
    await admin.ok('auth.login', { username: ADMIN.username, password: ADMIN.password });
    assert.equal(await hall.backend.backups.runDue(), 'backup');
    await finished();
  });

  test('the recovery key: only with the administrator’s own password, audited, and usable as a key file for a restore', async () => {
    refused(await admin.call('backup.exportKey', { password: 'wrong-password' }), 400, /密码不对/);
    const file = await admin.ok('backup.exportKey', { password: ADMIN.password });
    assert.equal(file.fileName, '乡镇一站通-数据库恢复密钥.txt');
    const text = await (await admin.fetchFile(file.fileUrl)).text();
    assert.equal(text.split('\n')[0], Buffer.from(hall.backend.backups.databaseKey()!).toString('hex'));
    assert.match(text, /--db-key-file/);
    const keyFile = path.join(scratch, 'recovery-key.txt');
    await writeFile(keyFile, text, { mode: 0o600 });
    assert.deepEqual(
      await readDatabaseKeyFile(keyFile, path.join(scratch, 'elsewhere')),
      Buffer.from(hall.backend.backups.databaseKey()!),
    );
    const events = await hall.backend.db
      .selectFrom('audit_events')
      .select(['action', 'summary'])
      .where('summary', 'like', '%数据库恢复密钥%')
      .execute();
    assert.ok(
      events.some((e) => e.action === 'export'),
      JSON.stringify(events),
    );
    assert.ok(
      events.some((e) => e.action === 'signInFailed'),
      'the wrong password is logged',
    );
  });

  test('the daily time in the township’s zone', () => {
    const zone = 'Asia/Shanghai';
    const lastAttempt = new Date('2026-11-27T04:11:00Z'); // 12:11 Beijing
    assert.equal(isBackupDue(new Date('2026-11-27T10:00:00Z'), '12:10', zone, lastAttempt), false);
    assert.equal(isBackupDue(new Date('2026-11-28T04:09:00Z'), '12:10', zone, lastAttempt), false);
    assert.equal(isBackupDue(new Date('2026-11-28T04:10:00Z'), '12:10', zone, lastAttempt), true);
    assert.equal(isBackupDue(new Date('2026-11-28T04:10:00Z'), '12:10', zone, null), true);
  });
});

describe('a run the program did not finish', () => {
  test('is shown as failed after a restart, with why', async (t) => {
    const { hall, admin } = await startSetUpHall();
    t.after(() => hall.close());
    await hall.backend.db
      .insertInto('backup_runs')
      .values({
        id: 'left-running',
        kind: 'backup',
        started_by: '自动',
        started_at: hall.clock.now().toISOString(),
        outcome: 'running',
        folder: '/mnt/backup',
      })
      .execute();
    await hall.backend.backups.init();
    const status = await admin.ok('backup.status', {});
    assert.equal(status.lastRun?.outcome, 'failed');
    assert.match(status.lastRun.message ?? '', /中途退出/);
  });
});

describe('the plain copy in-place encryption leaves', () => {
  test('turns the administrator’s screens red until it is removed', async (t) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-plain-copy-'));
    t.after(() => rm(dataDir, { recursive: true, force: true }));
    await (await openBackend({ dataDir, logError: () => {} })).close();
    const backend = await openBackend({ dataDir, databaseKey: randomBytes(32), logError: () => {} });
    t.after(() => backend.close());
    const status = await backend.backups.status();
    assert.equal(status.plainCopies.length, 1);
    assert.match(status.plainCopies[0]!, /^township\.before-encryption-\d{8}T\d{6}Z\.sqlite$/);
    assert.match(status.warning ?? '', /还留有数据库加密前的明文副本.*请删除/);
    const after = await backend.backups.removePlainCopies();
    assert.deepEqual(after.plainCopies, []);
    assert.doesNotMatch(after.warning ?? '', /明文副本/);
    assert.deepEqual(
      (await readdir(dataDir)).filter((name) => name.includes('before-encryption')),
      [],
    );
  });
});

describe('backup and restore from the command line', () => {
  test('--backup then --restore into a new folder: the same township; --restore over a folder moves it aside', async (t) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'township-backup-cli-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const keyFile = path.join(dir, 'key');
    await writeFile(keyFile, 'ab'.repeat(32), { mode: 0o600 });
    const hallCli = (...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'electron/hall/hall.ts'), ...args], {
        cwd: repoRoot,
        env: { ...process.env, TOWNSHIP_DB_KEY_FILE: keyFile },
      });
    const backedUp = await hallCli('--data', path.join(dir, 'data'), '--backup', path.join(dir, 'backups'));
    assert.match(backedUp.stdout, /正在复制数据库/);
    assert.match(backedUp.stdout, /备份完成：.*backups 中的 \d{8}T\d{6}Z.*已校验/);

    const restored = await hallCli('--data', path.join(dir, 'restored'), '--restore', path.join(dir, 'backups'));
    assert.match(restored.stdout, /已从备份 \d{8}T\d{6}Z 恢复到 .*restored，并已逐项核对/);
    const over = await hallCli('--data', path.join(dir, 'restored'), '--restore', path.join(dir, 'backups'));
    assert.match(over.stdout, /原来的数据目录已改名保留为 .*restored\.before-restore-/);

    await assert.rejects(
      hallCli(
        '--data',
        path.join(dir, 'other'),
        '--restore',
        path.join(dir, 'backups'),
        '--generation',
        '20000101T000000Z',
      ),
      (error: { stderr: string }) => {
        assert.match(error.stderr, /恢复未能完成：备份目录中没有 20000101T000000Z 这一份备份/);
        return true;
      },
    );
  });
});
