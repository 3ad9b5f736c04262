// The county hub's command line (`npm run hub -- …`), parsed by a pure function so that every
// refusal can be tested without starting anything.
import path from 'node:path';
import { commandLineArguments, wholeNumber } from '../electron/hall/commandLine';
import { HUB_DB_KEY_FILE_ENV } from './db/open';

export interface HubCliOptions {
  dataDir: string;
  host: string;
  port: number;
  /** PostgreSQL connection string; null: SQLite in the data folder. */
  postgres: string | null;
  /** The SQLite database's key file (outside the data folder); null: a plain database. */
  dbKeyFile?: string | null;
  tlsCertFile: string | null;
  tlsKeyFile: string | null;
  /** The address written into enrollment files; null: https://<host>:<port> as listened on. */
  publicUrl: string | null;
  /** Plain HTTP, for tests behind a fault-injecting proxy only. */
  insecureHttp: boolean;
  /** The built county page (dist/hub-ui); null: only the APIs are served. */
  uiDir: string | null;
  /** Print the county access token and start nothing (it is shown at start only once, when made). */
  showToken?: boolean;
  /** Three demo townships synced to this hub once it listens (hub/demo/), made on the first such start. */
  demo?: boolean;
  /** The county's name on the period reports' headers (青峰县); absent: 本县. */
  countyName?: string;
  /** Where the reports' font packages are found from (the bundle's folder); absent: the working directory. */
  fontsFrom?: string;
}

export const DEFAULT_HUB_PORT = 4790;

export const HUB_USAGE = `用法：npm run hub -- [选项]
  --data <目录>            数据目录（默认 ./hub-data）：数据库、平台密钥、证书与县级管理口令都在其中
  --port <端口>            监听端口（默认 ${DEFAULT_HUB_PORT}；0 表示任选空闲端口）
  --host <地址>            监听地址（默认 127.0.0.1，仅本机）；供乡镇连接请给出本机的局域网或公网地址，或 0.0.0.0
  --postgres <连接串>      使用 PostgreSQL，如 postgres://用户:口令@主机:5432/库名（也可用环境变量 HUB_POSTGRES）；
                           不给出时使用数据目录中的 SQLite 数据库
  --db-key-file <文件>     SQLite 数据库的密钥文件（64 个十六进制字符，放在数据目录之外，权限 600；也可用环境变量
                           HUB_DB_KEY_FILE）；给出后数据库加密保存，原有的明文库就地加密并先留备份
  --tls-cert <文件>        TLS 证书（PEM）；与 --tls-key 同时给出。不给出时首次启动在数据目录中生成自签名证书并一直沿用
  --tls-key <文件>         TLS 私钥（PEM）
  --public-url <网址>      写入入网文件的平台地址，如 https://hub.example.gov.cn:4790（默认 https://<监听地址>:<端口>）
  --insecure-http          不加密的 HTTP，仅供测试（例如放在故障注入代理之后）；切勿用于正式环境
  --demo                   县级演示：启动后在数据目录的 demo-townships 中生成三个演示乡镇（其一用国密算法），
                           凭本平台发放的入网文件入网，经 HTTPS 把近几个月的记录同步上来；以后再用 --demo 启动时沿用
                           并再同步一次。已有其他乡镇节点的平台不再新建演示乡镇
  --county-name <县名>     县级汇报、考评报告抬头中的县名，如 青峰县（默认“本县”）
  --show-token             显示县级页面访问口令后退出（口令只在首次启动时显示一次；不启动平台）
  --help                   显示本说明`;

export type ParsedHubArgs = { ok: true; options: HubCliOptions } | { ok: false; message: string } | { ok: 'help' };

export function parseHubArgs(
  argv: readonly string[],
  defaults: { cwd: string; env: Record<string, string | undefined>; uiDir: string | null },
): ParsedHubArgs {
  const options: HubCliOptions = {
    dataDir: path.resolve(defaults.cwd, 'hub-data'),
    host: '127.0.0.1',
    port: DEFAULT_HUB_PORT,
    postgres: defaults.env.HUB_POSTGRES?.trim() || null,
    dbKeyFile: defaults.env[HUB_DB_KEY_FILE_ENV]?.trim()
      ? path.resolve(defaults.cwd, defaults.env[HUB_DB_KEY_FILE_ENV]!.trim())
      : null,
    tlsCertFile: null,
    tlsKeyFile: null,
    publicUrl: null,
    insecureHttp: false,
    uiDir: defaults.uiDir,
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
        case '--postgres': {
          const connection = value();
          if (!/^postgres(?:ql)?:\/\//i.test(connection)) {
            return {
              ok: false,
              message: '--postgres 应为 postgres:// 开头的连接串，如 postgres://用户:口令@主机:5432/库名',
            };
          }
          options.postgres = connection;
          break;
        }
        case '--db-key-file':
          options.dbKeyFile = path.resolve(defaults.cwd, value());
          break;
        case '--tls-cert':
          options.tlsCertFile = path.resolve(defaults.cwd, value());
          break;
        case '--tls-key':
          options.tlsKeyFile = path.resolve(defaults.cwd, value());
          break;
        case '--public-url':
          options.publicUrl = value();
          break;
        case '--insecure-http':
          options.insecureHttp = true;
          break;
        case '--show-token':
          options.showToken = true;
          break;
        case '--demo':
          options.demo = true;
          break;
        case '--ui':
          options.uiDir = path.resolve(defaults.cwd, value());
          break;
        case '--county-name': {
          const name = value().trim();
          if (name === '' || [...name].length > 20)
            return { ok: false, message: '--county-name 应为 1–20 个字的县名，如 青峰县' };
          options.countyName = name;
          break;
        }
        default:
          return { ok: false, message: `不认识的选项“${arg}”。${'\n'}${HUB_USAGE}` };
      }
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }
  if (Boolean(options.tlsCertFile) !== Boolean(options.tlsKeyFile)) {
    return { ok: false, message: '--tls-cert 与 --tls-key 须同时给出' };
  }
  if (options.dbKeyFile && options.postgres) {
    return {
      ok: false,
      message: `--db-key-file（或 ${HUB_DB_KEY_FILE_ENV}）只用于 SQLite 数据库；使用 PostgreSQL 时请用数据库服务器的磁盘或表空间加密`,
    };
  }
  if (options.insecureHttp && options.tlsCertFile) {
    return { ok: false, message: '--insecure-http 与 --tls-cert/--tls-key 不能同时使用' };
  }
  if (options.publicUrl !== null) {
    const checked = checkPublicUrl(options.publicUrl, options.insecureHttp);
    if (typeof checked !== 'string') return checked;
    options.publicUrl = checked;
  }
  return { ok: true, options };
}

/** The public URL must be a bare origin: townships append /sync/v1/… to it. */
function checkPublicUrl(raw: string, insecureHttp: boolean): string | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: `--public-url “${raw}”不是有效的网址` };
  }
  const allowed = insecureHttp ? ['https:', 'http:'] : ['https:'];
  if (!allowed.includes(url.protocol)) {
    return { ok: false, message: '--public-url 须以 https:// 开头（乡镇只通过加密连接访问县级平台）' };
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    return { ok: false, message: '--public-url 只写协议、主机和端口，如 https://hub.example.gov.cn:4790' };
  }
  return url.origin;
}

/** The address as it appears in a URL: IPv6 in brackets. */
export function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
