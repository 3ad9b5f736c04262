import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { seedDemoTownship } from '../../demo/demoTownship';
import type { Backend, BackendOptions } from '../backend/backend';
import { openReplaceableBackend } from '../backend/backendHolder';
import { plainDatabaseWarning, readDatabaseKeyFile } from '../backend/db/databaseKey';
import { hallDatabaseKey } from './hallDatabaseKey';
import { isLoopback, type HallOptions } from './hallOptions';
import { createHallServer } from './httpServer';
import { createLanListener } from './lanListener';
import { readerFromConfig } from '../backend/devices/idCard/readerFromConfig';

export interface RunningHall {
  backend: Backend;
  url: string;
  close(): Promise<void>;
}

/** Opens the backend, seeds the demo if asked, and listens. Used by the CLI and by tests. */
export async function startHall(
  options: HallOptions,
  print: (line: string) => void = () => {},
  backendOptions: Partial<BackendOptions> = {},
): Promise<RunningHall> {
  const keyFile = backendOptions.databaseKey ? null : (options.dbKeyFile ?? null);
  const databaseKey =
    backendOptions.databaseKey ?? (keyFile ? await readDatabaseKeyFile(keyFile, options.dataDir) : null);
  if (!databaseKey) print(plainDatabaseWarning(options.dataDir));
  // 大厅网络: the LAN listener the administrator may open from 系统管理 (made before the backend,
  // which drives it; it serves the backend once that is open).
  let opened: Backend | null = null;
  const lan = createLanListener({
    dataDir: options.dataDir,
    staticDir: options.staticDir,
    now: backendOptions.now,
    backend: () => {
      if (!opened) throw new Error('后台尚未启动');
      return opened;
    },
    log: (line) => print(line),
  });
  // The reader a test hands over wins over the command line's; the backend closes it with itself.
  const idCardReader =
    backendOptions.idCardReader !== undefined
      ? backendOptions.idCardReader
      : readerFromConfig(options.idCardReader ?? 'none');
  if (idCardReader) print(`身份证读卡器：${idCardReader.description}`);
  // Held, so that a restore at first run can replace it under the running server.
  const backend = await openReplaceableBackend({
    dataDir: options.dataDir,
    hallNetwork: lan,
    ...backendOptions,
    idCardReader,
    databaseKey,
    keys: hallDatabaseKey(keyFile, options.dataDir, databaseKey),
  });
  opened = backend;
  try {
    if (options.demo) await seedDemoIfEmpty(backend, options.demoResidents, print);
    const tls =
      options.tlsCertFile && options.tlsKeyFile
        ? { cert: await readFile(options.tlsCertFile), key: await readFile(options.tlsKeyFile) }
        : undefined;
    const server = createHallServer({
      backend,
      staticDir: options.staticDir,
      tls,
      loopbackOnly: isLoopback(options.host),
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const hostInUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
    const url = `${tls ? 'https' : 'http'}://${hostInUrl}:${port}/`;
    print(`乡镇一站通大厅主机已启动：${url}`);
    print(`数据目录：${options.dataDir}`);
    if (!options.staticDir) print('（未找到界面文件 dist/renderer，只提供 API；请先运行 npm run build）');
    await lan.applySaved();
    return {
      backend,
      url,
      close: async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await lan.close();
        await backend.close();
      },
    };
  } catch (error) {
    await lan.close();
    await backend.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`端口 ${options.port} 已被占用，请用 --port 换一个端口`, { cause: error });
    }
    throw error;
  }
}

async function seedDemoIfEmpty(backend: Backend, residents: number, print: (line: string) => void): Promise<void> {
  const anyUser = await backend.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (anyUser) {
    print('数据目录中已有数据，不再填入演示数据');
    return;
  }
  print(`正在填入演示乡镇（${residents} 位居民）……`);
  const summary = await seedDemoTownship(backend.db, { residents, now: new Date() });
  print(
    `演示乡镇“${summary.townshipName}”：${summary.villages} 个村（社区），${summary.residents} 位居民，${summary.catalogItems} 个服务事项，近三个月 ${summary.counterCases} 件办件，${summary.disputes} 件纠纷，${summary.petitions} 件信访。演示账号：`,
  );
  for (const user of summary.users) print(`  ${user.username} / ${user.password}（${user.displayName}）`);
}
