// The first-run way to become the township again on a replacement PC (docs/rebuild.md): one
// rebuild at a time in the background, its progress and its outcome for the screen to poll; and,
// for a PC without a link, the registration file written to a USB stick first.
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RebuildPhase, RebuildProgress } from '../../../shared/sync/api';
import { fail, failFields } from '../api/failure';
import type { Db } from '../db/database';
import { enrollForRebuild, rebuildTownship, type RebuildTownshipInput } from './rebuildTownship';
import type { SyncEngine } from './syncEngine';
import { parseEnrollmentFileFor } from './syncKeys';

/** A rebuild file is every entry and attachment of a township: allowed up to 4 GiB. */
const MAX_REBUILD_FILE_BYTES = 4 * 1024 ** 3;

export class FirstRunRebuild {
  #progress: RebuildProgress = { running: null, outcome: null };

  constructor(private readonly backend: { db: Db; sync: SyncEngine; now: () => Date; log: (line: string) => void }) {}

  progress(): RebuildProgress {
    return this.#progress;
  }

  /**
   * Enrolls with the replacement file and writes the registration file into `folder` (unless the
   * hub holds our keys already, over the link): the county imports it, then exports the rebuild.
   */
  async registrationFile(input: { file: unknown; passphrase: string; folder: string }) {
    const folder = await writableFolder(input.folder);
    const enrolled = await enrollForRebuild(this.backend, input);
    if (enrolled.registered) {
      return { registered: true, path: null, message: '已经联网在县级平台登记，无须登记文件：可以直接开始重建' };
    }
    const file = await this.backend.sync.registrationFile();
    const target = path.join(folder, file.fileName);
    await writeFile(target, file.bytes);
    return {
      registered: false,
      path: target,
      message: `登记文件已写到 ${target}。请带到县级平台“导入文件”，再由县级平台在乡镇列表中“导出重建文件”带回`,
    };
  }

  /** Starts the rebuild unless one runs or the township is set up; answers at once. */
  async start(input: Omit<RebuildTownshipInput, 'rebuildFile'> & { rebuildFile: string }) {
    if (this.#progress.running) return { started: false, message: '正在从县级平台重建，请等待完成' };
    if (await this.backend.db.selectFrom('users').select('id').limit(1).executeTakeFirst()) {
      fail('CONFLICT', '本系统已有账号：从县级平台重建只用于新安装、尚未设置的电脑');
    }
    // What can be told at once is told beside the field, not after the start.
    parseEnrollmentFileFor(input.file, this.backend.now(), 'replace');
    const rebuildFile = input.rebuildFile ? await readRebuildFile(input.rebuildFile) : undefined;
    const startedAt = this.backend.now().toISOString();
    const report = (phase: RebuildPhase, done: number, total: number) => {
      this.#progress = { ...this.#progress, running: { phase, done, total, startedAt } };
    };
    report('enroll', 0, 1);
    void this.#run({ ...input, rebuildFile }, report);
    return { started: true, message: '已开始从县级平台重建，进度见下方' };
  }

  async #run(input: RebuildTownshipInput, report: (phase: RebuildPhase, done: number, total: number) => void) {
    const finishedAt = () => this.backend.now().toISOString();
    try {
      const outcome = await rebuildTownship(this.backend, input, ({ phase, done, total }) =>
        report(phase, done, total),
      );
      this.#progress = {
        running: null,
        outcome: {
          ok: true,
          message: null,
          townshipName: outcome.townshipName,
          entries: outcome.entries,
          files: outcome.files,
          missingFiles: outcome.missingFiles.length,
          accountsToReset: outcome.accountsToReset,
          username: input.administrator.username,
          finishedAt: finishedAt(),
        },
      };
      this.backend.log(
        `已从县级平台重建「${outcome.townshipName}」：变更 ${outcome.entries} 条，附件 ${outcome.files} 个`,
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.backend.log(`从县级平台重建失败：${message}`);
      this.#progress = {
        running: null,
        outcome: {
          ok: false,
          message,
          townshipName: null,
          entries: 0,
          files: 0,
          missingFiles: 0,
          accountsToReset: 0,
          username: null,
          finishedAt: finishedAt(),
        },
      };
    }
  }
}

async function writableFolder(folder: string): Promise<string> {
  if (!path.isAbsolute(folder)) failFields({ folder: '登记文件保存位置：请填写完整路径，如 E:\\ 或 /media/usb' });
  const found = await stat(folder).catch(() => null);
  if (!found?.isDirectory()) failFields({ folder: `登记文件保存位置：找不到目录 ${folder}` });
  return folder;
}

async function readRebuildFile(file: string): Promise<Uint8Array> {
  if (!path.isAbsolute(file))
    failFields({ rebuildFile: '重建文件位置：请填写完整路径，如 E:\\青石镇-重建文件.tdsync' });
  const found = await stat(file).catch(() => null);
  if (!found?.isFile()) failFields({ rebuildFile: `重建文件位置：找不到文件 ${file}` });
  if (found.size > MAX_REBUILD_FILE_BYTES)
    failFields({ rebuildFile: '重建文件位置：文件超过 4 GB，不是县级平台导出的重建文件' });
  return new Uint8Array(await readFile(file));
}
