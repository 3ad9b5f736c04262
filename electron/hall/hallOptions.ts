import { isLoopback } from '../backend/api/loopback';
import path from 'node:path';
import { commandLineArguments, wholeNumber } from './commandLine';
import { DB_KEY_FILE_ENV } from '../backend/db/databaseKey';
import { readerFromConfig } from '../backend/devices/idCard/readerFromConfig';

export interface HallOptions {
  dataDir: string;
  host: string;
  port: number;
  staticDir: string | null;
  tlsCertFile: string | null;
  tlsKeyFile: string | null;
  demo: boolean;
  demoResidents: number;
  /** Minutes between automatic sync runs with the county hub; 0 or absent: only when asked. */
  syncIntervalMinutes?: number;
  /** The file holding the database key (outside the data folder); null: a plain database. */
  dbKeyFile?: string | null;
  /** `--backup <dir>`: back the data folder up into this folder and exit, serving nothing. */
  backupTo?: string | null;
  /** `--restore <dir>`: restore a backup from this folder into the data folder and exit. */
  restoreFrom?: string | null;
  /** `--generation <name>` with `--restore`: which backup (default the newest). */
  restoreGeneration?: string | null;
  /**
   * `--id-card-reader <spec>`: the ID-card reader on this machine (`none`, `simulated`,
   * `serial:<path>[@baud]`, `sdtapi[:port]`); absent: none (with `--demo`: `simulated`).
   */
  idCardReader?: string | null;
}

export const DEFAULT_PORT = 4780;
export const DEFAULT_DEMO_RESIDENTS = 2000;
export const DEFAULT_SYNC_INTERVAL_MINUTES = 15;
/** The passphrase of the sync keys, so that an unattended hall host can sync after a restart. */
export const SYNC_PASSPHRASE_ENV = 'TOWNSHIP_SYNC_PASSPHRASE';

export const HALL_USAGE = `用法：npm run hall -- [选项]
  --data <目录>            数据目录（默认 ./data），其中的 township.sqlite 是本厅的数据库
  --port <端口>            监听端口（默认 ${DEFAULT_PORT}；0 表示任选空闲端口）
  --host <地址>            监听地址（默认 127.0.0.1，仅本机）。局域网地址须同时给出 --tls-cert 与 --tls-key
  --tls-cert <文件>        TLS 证书（PEM）
  --tls-key <文件>         TLS 私钥（PEM）
  --db-key-file <文件>     数据库密钥文件（64 个十六进制字符，权限 600，放在数据目录之外），数据库即加密保存；
                           也可由环境变量 ${DB_KEY_FILE_ENV} 给出。现有的明文数据库会就地加密，先留一份明文备份
  --demo                   数据目录为空时填入演示乡镇（村、小组、居民、各角色用户）
  --demo-residents <人数>  演示居民人数（默认 ${DEFAULT_DEMO_RESIDENTS}）
  --sync-interval <分钟>   入网后每隔几分钟自动与县级平台同步（默认 ${DEFAULT_SYNC_INTERVAL_MINUTES}；0 表示只在点“立即同步”时同步）。
                           同步密钥的口令可由环境变量 ${SYNC_PASSPHRASE_ENV} 给出，否则须在“同步”页输入
  --backup <目录>          把数据目录（数据库、存档文书、附件）联机备份到该目录后退出；大厅主机运行时也可以执行
  --restore <目录>         从该备份目录恢复到 --data 指定的数据目录后退出（先校验；原有的数据目录改名保留，不会覆盖）。
                           须先停止使用该数据目录的大厅主机；加密的备份须给出原来的 --db-key-file
  --generation <备份名>    与 --restore 同用：恢复哪一份（如 20261207T031500Z，默认最新一份）
  --id-card-reader <读卡器> 本机的身份证读卡器：none（无，默认）、simulated（模拟读卡器，--demo 时默认）、
                           serial:<串口>[@波特率]（如 serial:COM3、serial:/dev/ttyUSB0@115200）、sdtapi[:端口]（厂商动态库，
                           仅 Windows）。本机的窗口总能读卡；大厅网络中的窗口须由系统管理员在“大厅设备”页分配
  --help                   显示本说明`;

export type ParsedHallArgs = { ok: true; options: HallOptions } | { ok: false; message: string } | { ok: 'help' };

/** Parses the hall host's command line; every refusal is a sentence a township admin can act on. */
export function parseHallArgs(
  argv: readonly string[],
  defaults: { cwd: string; staticDir: string | null },
): ParsedHallArgs {
  const options: HallOptions = {
    dataDir: path.resolve(defaults.cwd, 'data'),
    host: '127.0.0.1',
    port: DEFAULT_PORT,
    staticDir: defaults.staticDir,
    tlsCertFile: null,
    tlsKeyFile: null,
    demo: false,
    demoResidents: DEFAULT_DEMO_RESIDENTS,
    syncIntervalMinutes: DEFAULT_SYNC_INTERVAL_MINUTES,
    dbKeyFile: null,
  };
  for (const { arg, value } of commandLineArguments(argv)) {
    try {
      switch (arg) {
        case '--help':
        case '-h':
          return { ok: 'help' };
        case '--data':
          options.dataDir = path.resolve(defaults.cwd, value());
          break;
        case '--port':
          options.port = wholeNumber(arg, value(), 0, 65535);
          break;
        case '--host':
          options.host = value();
          break;
        case '--static':
          options.staticDir = path.resolve(defaults.cwd, value());
          break;
        case '--tls-cert':
          options.tlsCertFile = path.resolve(defaults.cwd, value());
          break;
        case '--tls-key':
          options.tlsKeyFile = path.resolve(defaults.cwd, value());
          break;
        case '--db-key-file':
          options.dbKeyFile = path.resolve(defaults.cwd, value());
          break;
        case '--demo':
          options.demo = true;
          break;
        case '--backup':
          options.backupTo = path.resolve(defaults.cwd, value());
          break;
        case '--restore':
          options.restoreFrom = path.resolve(defaults.cwd, value());
          break;
        case '--generation':
          options.restoreGeneration = value();
          break;
        case '--demo-residents':
          options.demoResidents = wholeNumber(arg, value(), 0, 1_000_000);
          break;
        case '--id-card-reader':
          options.idCardReader = value().trim();
          // Checked by the drivers' own reading of the words (which opens nothing), so a typo stops here.
          readerFromConfig(options.idCardReader);
          break;
        case '--sync-interval':
          options.syncIntervalMinutes = wholeNumber(arg, value(), 0, 1440, '（分钟）');
          break;
        default:
          return { ok: false, message: `不认识的选项“${arg}”。${'\n'}${HALL_USAGE}` };
      }
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }
  // The demo shows reading a card without a device; a real reader is named on the command line.
  options.idCardReader ??= options.demo ? 'simulated' : 'none';
  if (!isLoopback(options.host) && !(options.tlsCertFile && options.tlsKeyFile)) {
    return {
      ok: false,
      message: `在局域网地址 ${options.host} 上开放须使用 TLS：请同时给出 --tls-cert 与 --tls-key（居民个人信息不得明文在网上传输）`,
    };
  }
  if (Boolean(options.tlsCertFile) !== Boolean(options.tlsKeyFile)) {
    return { ok: false, message: '--tls-cert 与 --tls-key 须同时给出' };
  }
  if (options.backupTo && options.restoreFrom) return { ok: false, message: '--backup 与 --restore 不能同时使用' };
  if (options.restoreGeneration && !options.restoreFrom)
    return { ok: false, message: '--generation 须与 --restore 同用' };
  return { ok: true, options };
}

export { isLoopback };
