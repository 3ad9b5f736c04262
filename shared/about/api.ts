// 关于: which version of the app this is and at which database schema, read by both hosts' UI
// (the header's 关于 box, the sync screen) — the same answer whether the window is the desktop
// app or a browser on the hall host.
import { z } from 'zod';
import { defineProcedures } from '../api/contract';

export const appVersionRecord = z.object({
  version: z.string(),
  /** The last migration the database had when this version last opened it (`0022_app_versions`). */
  schemaVersion: z.string(),
  /** When this version first opened the database. */
  firstOpenedAt: z.string(),
  /** Where the backup taken before this version upgraded the database went; null when none was needed. */
  upgradeBackup: z.string().nullable(),
});
export type AppVersionRecord = z.infer<typeof appVersionRecord>;

export const aboutInfo = z.object({
  /** package.json's version, as the installer names it. */
  appVersion: z.string(),
  /** The database schema as people read it: the number of its last migration (`0022`). */
  schemaVersion: z.string(),
  /** That migration's full name. */
  schemaMigration: z.string(),
  /** The versions of the app that opened this database, the newest schema first. */
  versions: z.array(appVersionRecord),
});
export type AboutInfo = z.infer<typeof aboutInfo>;

export const aboutProcedures = defineProcedures({
  'about.info': {
    summary: '关于：程序版本、数据库结构版本、用过这个数据库的程序版本',
    kind: 'query',
    access: 'signedIn',
    input: z.strictObject({}),
    output: aboutInfo,
  },
});
