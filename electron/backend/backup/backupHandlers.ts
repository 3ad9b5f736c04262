import { DATABASE_KEY_FILE_NAME } from '../../../shared/backup/api';
import type { RequestContext } from '../api/context';
import { fail } from '../api/failure';
import type { HandlersFor } from '../api/handlers';
import { isOwnPassword } from '../auth/authHandlers';
import type { BackupService } from './backupService';
import type { FirstRunRestore } from './firstRunRestore';

/**
 * `firstRun`: the host's restore at first run (null where the host cannot reopen its data
 * folder — a backend opened on its own, as the command line and some tests do).
 */
export function backupHandlers(
  service: BackupService,
  firstRun: FirstRunRestore | null,
): HandlersFor<
  | 'backup.firstRunGenerations'
  | 'backup.firstRunRestore'
  | 'backup.firstRunProgress'
  | 'backup.status'
  | 'backup.saveSettings'
  | 'backup.runNow'
  | 'backup.drillNow'
  | 'backup.exportKey'
  | 'backup.removePlainCopies'
> {
  /** The first-run restore, while the township has no user at all (as first-run setup). */
  async function atFirstRun(ctx: RequestContext): Promise<FirstRunRestore> {
    if (await ctx.db.selectFrom('users').select('id').limit(1).executeTakeFirst())
      fail(
        'CONFLICT',
        '本系统已完成首次设置，不能再从首次启动界面恢复备份（那会换掉现有数据）；如确需恢复，请停止程序后用命令行 --restore 恢复到新的数据目录',
      );
    if (!firstRun)
      fail(
        'CONFLICT',
        '这种运行方式不能在界面中恢复，请用命令行：npm run hall -- --restore <备份位置> --data <数据目录>',
      );
    return firstRun;
  }

  return {
    async 'backup.firstRunGenerations'(input, ctx) {
      return (await atFirstRun(ctx)).generations(input.folder, input.recoveryKey);
    },
    async 'backup.firstRunRestore'(input, ctx) {
      return (await atFirstRun(ctx)).start(input, ctx.carrier.origin);
    },
    async 'backup.firstRunProgress'() {
      return firstRun ? firstRun.progress() : { running: null, outcome: null };
    },
    'backup.status': () => service.status(),
    'backup.saveSettings': (input) => service.saveSettings(input),
    'backup.runNow': (_input, ctx) => service.start('backup', ctx.actor.name),
    'backup.drillNow': (_input, ctx) => service.start('drill', ctx.actor.name),
    'backup.removePlainCopies': () => service.removePlainCopies(),
    async 'backup.exportKey'(input, ctx) {
      const key = service.databaseKey();
      if (!key) fail('CONFLICT', '本机数据库没有加密，备份也没有加密，恢复时不需要密钥');
      if (!(await isOwnPassword(ctx, input.password, '导出数据库恢复密钥')))
        fail('VALIDATION', '密码不对', { fieldErrors: { password: '登录密码：不对，请重新输入' } });
      const text = [
        Buffer.from(key).toString('hex'),
        '',
        '乡镇一站通数据库恢复密钥（上面一行）。在另一台电脑上恢复加密的备份时需要它：',
        '  新电脑首次启动时选“从备份恢复”，需要时输入上面一行；或者',
        '  把本文件设为只有本人可读（chmod 600），运行',
        '  npm run hall -- --restore <备份位置> --data <新数据目录> --db-key-file <本文件>',
        '得到它的人加上备份就能读出全部台账：请打印或存入离线介质，锁入保密柜，不要放在备份旁边。',
        '',
      ].join('\n');
      return {
        fileUrl: ctx.documents.tickets.issue({
          urlName: 'database-recovery-key.txt',
          downloadName: DATABASE_KEY_FILE_NAME,
          contentType: 'text/plain; charset=utf-8',
          read: async () => Buffer.from(text, 'utf8'),
        }),
        fileName: DATABASE_KEY_FILE_NAME,
      };
    },
  };
}
