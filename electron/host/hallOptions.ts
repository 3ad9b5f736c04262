import path from 'node:path';
import { isIP } from 'node:net';

export interface HallOptions {
  dataDir: string;
  host: string;
  port: number;
  staticDir: string | null;
  tlsCertFile: string | null;
  tlsKeyFile: string | null;
  demo: boolean;
  demoResidents: number;
}

export const DEFAULT_PORT = 4780;
export const DEFAULT_DEMO_RESIDENTS = 2000;

export const HALL_USAGE = `用法：npm run hall -- [选项]
  --data <目录>            数据目录（默认 ./data），其中的 township.sqlite 是本厅的数据库
  --port <端口>            监听端口（默认 ${DEFAULT_PORT}；0 表示任选空闲端口）
  --host <地址>            监听地址（默认 127.0.0.1，仅本机）。局域网地址须同时给出 --tls-cert 与 --tls-key
  --tls-cert <文件>        TLS 证书（PEM）
  --tls-key <文件>         TLS 私钥（PEM）
  --demo                   数据目录为空时填入演示乡镇（村、小组、居民、各角色用户）
  --demo-residents <人数>  演示居民人数（默认 ${DEFAULT_DEMO_RESIDENTS}）
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
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new Error(`${arg} 后面缺少取值`);
      return next;
    };
    try {
      switch (arg) {
        case '--help':
        case '-h':
          return { ok: 'help' };
        case '--data':
          options.dataDir = path.resolve(defaults.cwd, value());
          break;
        case '--port': {
          const port = Number(value());
          if (!Number.isInteger(port) || port < 0 || port > 65535)
            return { ok: false, message: '--port 应为 0–65535 的整数' };
          options.port = port;
          break;
        }
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
        case '--demo':
          options.demo = true;
          break;
        case '--demo-residents': {
          const count = Number(value());
          if (!Number.isInteger(count) || count < 0 || count > 1_000_000) {
            return { ok: false, message: '--demo-residents 应为 0–1000000 的整数' };
          }
          options.demoResidents = count;
          break;
        }
        default:
          return { ok: false, message: `不认识的选项“${arg}”。${'\n'}${HALL_USAGE}` };
      }
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }
  if (!isLoopback(options.host) && !(options.tlsCertFile && options.tlsKeyFile)) {
    return {
      ok: false,
      message: `在局域网地址 ${options.host} 上开放须使用 TLS：请同时给出 --tls-cert 与 --tls-key（居民个人信息不得明文在网上传输）`,
    };
  }
  if (Boolean(options.tlsCertFile) !== Boolean(options.tlsKeyFile)) {
    return { ok: false, message: '--tls-cert 与 --tls-key 须同时给出' };
  }
  return { ok: true, options };
}

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}
