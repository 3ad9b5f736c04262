// Everything `npm run hub` does before it waits: the data folder, the county access token,
// the TLS certificate, the hub itself and its server. Used by the CLI and by tests.
import { plainDatabaseWarning, readDatabaseKeyFile } from '../electron/backend/db/databaseKey';
import { HUB_DB_KEY_FILE_ENV } from './db/open';
import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { certificateCovers, loadOrCreateTls, loadTls, type HubTls } from './tlsFiles';
import { loadOrCreateCountyToken } from './countyToken';
import { openHub, type Hub, type HubOptions } from './hub';
import type { HubCliOptions } from './options';
import { reachableHost, startHubServer } from './server';
import type { CountyDemo } from './demo/countyDemo';

export interface RunningHub {
  hub: Hub;
  /** The county page, e.g. https://127.0.0.1:4790/ */
  url: string;
  publicUrl: string;
  countyToken: string;
  tls: HubTls;
  /** The county demo (--demo), running once the hub listens; null without it. */
  demo: CountyDemo | null;
  close(): Promise<void>;
}

export async function startHub(
  options: HubCliOptions,
  print: (line: string) => void = () => {},
  hubOptions: Partial<HubOptions> = {},
): Promise<RunningHub> {
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  const { token: countyToken, created, file: tokenFile } = await loadOrCreateCountyToken(options.dataDir);
  // Even with --insecure-http: enrollment files always carry a certificate to pin.
  const tls =
    options.tlsCertFile && options.tlsKeyFile
      ? await loadTls(options.tlsCertFile, options.tlsKeyFile)
      : await loadOrCreateTls(options.dataDir, certificateNames(options));
  if (tls.generated) print(`已在数据目录中生成自签名证书（以后一直沿用）：指纹 ${tls.fingerprint}`);

  const databaseKey = options.dbKeyFile ? await readDatabaseKeyFile(options.dbKeyFile, options.dataDir) : null;
  if (!databaseKey && !options.postgres)
    print(
      plainDatabaseWarning(
        options.dataDir,
        `请用 --db-key-file <文件> 或环境变量 ${HUB_DB_KEY_FILE_ENV} 指定密钥文件（放在数据目录之外），现有数据库会在下次启动时就地加密并先留备份。`,
      ),
    );
  const hub = await openHub({
    dataDir: options.dataDir,
    postgres: options.postgres ?? undefined,
    databaseKey,
    log: print,
    ...hubOptions,
  });
  try {
    const server = await startHubServer({
      hub,
      host: options.host,
      port: options.port,
      tls: options.insecureHttp ? null : { certificatePem: tls.certificatePem, keyPem: tls.keyPem },
      enrollmentCertificatePem: tls.certificatePem,
      publicUrl: options.publicUrl,
      countyToken,
      uiDir: options.uiDir,
      reports: {
        countyName: options.countyName,
        fonts: options.fontsFrom ? { resolveFrom: options.fontsFrom } : undefined,
      },
      log: print,
    });
    print(`县级平台已启动：${server.url}/`);
    // The token is shown once, when it is made; after that only on request (--show-token).
    const ask = `npm run hub -- --show-token${dataOption(options.dataDir)}`;
    if (created) {
      print(`县级页面访问口令（只在首次启动时显示这一次，请抄下妥善保管）：${countyToken}`);
      print(`以后需要时运行 ${ask} 查看；口令保存在 ${tokenFile}（仅本用户可读）`);
    } else {
      print(`县级页面访问口令保存在 ${tokenFile}（仅本用户可读），需要时运行 ${ask} 查看`);
    }
    print(`入网文件中的平台地址：${server.publicUrl}`);
    print(`证书指纹：${tls.fingerprint}`);
    print(`数据目录：${options.dataDir}（数据库：${hub.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'}）`);
    const publicHost = new URL(server.publicUrl).hostname;
    if (!options.insecureHttp && !certificateCovers(tls.certificatePem, publicHost)) {
      print(`提示：证书中没有 ${publicHost}，浏览器打开县级页面时会提示证书不受信任；乡镇按指纹核对证书，不受影响`);
    }
    if (options.insecureHttp) {
      print('警告：--insecure-http 使用不加密的 HTTP，只能用于测试，切勿在正式环境中使用！');
    }
    if (!options.uiDir) print('（未找到县级页面文件 dist/hub-ui，只提供接口；请先运行 npm run build）');
    // Loaded only when asked for: it brings a whole township backend along (hub/demo/).
    const demo = options.demo
      ? (await import('./demo/countyDemo')).startCountyDemo({
          hub,
          dataDir: options.dataDir,
          hubUrl: ownAddress(server.url, options.host),
          certificatePem: tls.certificatePem,
          certificateFingerprint: tls.fingerprint,
          pageUrl: `${server.url}/`,
          fonts: options.fontsFrom ? { resolveFrom: options.fontsFrom } : undefined,
          print,
        })
      : null;
    return {
      hub,
      url: `${server.url}/`,
      publicUrl: server.publicUrl,
      countyToken,
      tls,
      demo,
      close: async () => {
        // The demo's township finishes its step and closes before the hub it syncs to goes.
        await demo?.close();
        await server.close();
        await hub.close();
      },
    };
  } catch (error) {
    await hub.close();
    throw error;
  }
}

/**
 * `npm run hub -- --show-token`: prints the county access token of the data folder (made now if
 * there is none) and starts nothing.
 */
export async function showCountyToken(dataDir: string, print: (line: string) => void): Promise<string> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const { token, created, file } = await loadOrCreateCountyToken(dataDir);
  print(`县级页面访问口令${created ? '（刚刚生成）' : ''}：${token}`);
  print(`（保存在 ${file}，仅本用户可读；请勿转发或截图外传）`);
  return token;
}

/** ` --data <dir>` when the folder is not the default one, so the printed command finds the same token. */
function dataOption(dataDir: string): string {
  if (path.resolve(dataDir) === path.resolve('hub-data')) return '';
  return ` --data ${/[\s"'$`\\]/.test(dataDir) ? JSON.stringify(dataDir) : dataDir}`;
}

/**
 * Where this machine reaches the server: the listening address, or loopback when it listens on
 * every interface (the demo's townships sync to it; the public URL may name a host not resolvable here).
 */
function ownAddress(serverUrl: string, host: string): string {
  const url = new URL(serverUrl);
  if (host === '0.0.0.0' || host === '::' || host === '[::]') url.hostname = '127.0.0.1';
  return url.origin;
}

/** The names a generated certificate covers: this machine, the listening and the public address. */
function certificateNames(options: HubCliOptions): string[] {
  const names = new Set(['127.0.0.1', '::1', 'localhost']);
  names.add(reachableHost(options.host).replace(/^\[|\]$/g, ''));
  if (options.publicUrl) names.add(new URL(options.publicUrl).hostname.replace(/^\[|\]$/g, ''));
  const machine = hostname();
  if (/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(machine)) names.add(machine);
  return [...names];
}
