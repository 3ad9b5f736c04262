// A release folder as `npm run dist` leaves it for the update server — an NSIS installer (here
// random bytes: nothing runs it) and the latest.yml electron-builder writes beside it — plus a
// county update key made by `npm run sign-update -- --new-key` and its own trusted-keys list.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createUpdateKey } from '../../build/signUpdate';
import { parseTrustedKeys, type TrustedUpdateKey } from '../../electron/main/updateSignature';

export interface ReleaseFolder {
  dir: string;
  version: string;
  installerName: string;
  installer: string;
  bytes: Buffer;
  /** latest.yml */
  description: string;
  /** latest.yml as electron-builder wrote it, before signing. */
  unsignedDescription: string;
  keyFile: string;
  keysFile: string;
  trustedKeys(): Promise<TrustedUpdateKey[]>;
  remove(): Promise<void>;
}

/** latest.yml in electron-builder's layout for an installer of these bytes. */
export function describeInstaller(version: string, installerName: string, bytes: Uint8Array): string {
  const sha512 = createHash('sha512').update(bytes).digest('base64');
  return [
    `version: ${version}`,
    'files:',
    `  - url: ${installerName}`,
    `    sha512: ${sha512}`,
    `    size: ${bytes.length}`,
    `path: ${installerName}`,
    `sha512: ${sha512}`,
    "releaseDate: '2026-12-01T08:00:00.000Z'",
    '',
  ].join('\n');
}

export async function releaseFolder(version: string): Promise<ReleaseFolder> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'township-release-'));
  const installerName = `township-desk-setup-${version}.exe`;
  const installer = path.join(dir, installerName);
  const bytes = randomBytes(300_000);
  await writeFile(installer, bytes);
  const description = path.join(dir, 'latest.yml');
  const unsignedDescription = describeInstaller(version, installerName, bytes);
  await writeFile(description, unsignedDescription);
  // The key lives outside the release folder, as it would on the county's signing machine.
  const keyDir = await mkdtemp(path.join(os.tmpdir(), 'township-update-key-'));
  const keysFile = path.join(keyDir, 'update-keys.json');
  await writeFile(keysFile, JSON.stringify({ keys: [] }));
  const keyFile = path.join(keyDir, 'county-update.key');
  await createUpdateKey(keyFile, { keysFile, name: '某县信息中心（测试）' });
  return {
    dir,
    version,
    installerName,
    installer,
    bytes,
    description,
    unsignedDescription,
    keyFile,
    keysFile,
    trustedKeys: async () => parseTrustedKeys(JSON.parse(await readFile(keysFile, 'utf8'))),
    remove: async () => {
      await rm(dir, { recursive: true, force: true });
      await rm(keyDir, { recursive: true, force: true });
    },
  };
}
