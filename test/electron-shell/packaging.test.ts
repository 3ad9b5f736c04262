// electron-builder.yml as electron-builder itself reads and validates it (its own loader and
// JSON schema, as `npm run dist` does before it packages): the fuses that keep the packaged
// binary from running anything but the app in an intact app.asar, and the update settings that
// make an installed program accept only what the county signed.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { Writable } from 'node:stream';
import { DebugLogger, log } from 'builder-util';
import { parseTrustedKeys } from '../../electron/main/updateSignature';
import bundledUpdateKeys from '../../resources/update-keys.json';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// electron-builder logs ("• loaded configuration …", in three writes) to stdout, which is the
// test runner's channel to this file: a write landing inside one of the runner's messages fails
// the whole file ("Unable to deserialize cloned data", seen on a busy CI). Its log goes nowhere.
(log as unknown as { stream: NodeJS.WritableStream }).stream = new Writable({
  write: (_chunk, _encoding, done) => done(),
});

async function builderConfig() {
  const config = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

test('the configuration passes electron-builder’s own schema', async () => {
  await assert.doesNotReject(builderConfig());
});

test('fuses: the asar integrity check on, the app only from app.asar, no way to run as plain Node', async () => {
  const config = await builderConfig();
  assert.equal(config.asar, true, 'the app is packed into app.asar');
  assert.notEqual(config.disableAsarIntegrity, true, 'electron-builder embeds the asar hash the fuse checks');
  assert.deepEqual(config.electronFuses, {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableCookieEncryption: true,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  });
});

test('updates: a publisher name for the Authenticode check, a generic HTTPS server', async () => {
  const config = await builderConfig();
  const publisherName = config.win?.signtoolOptions?.publisherName;
  assert.ok(Array.isArray(publisherName) && publisherName.length > 0 && publisherName.every((n) => n.trim()));
  assert.notEqual(config.win?.verifyUpdateCodeSignature, false);
  const publish = config.publish as { provider: string; url: string };
  assert.equal(publish.provider, 'generic');
  assert.match(publish.url, /^https:\/\//);
});

test('the bundled list of county update keys is well-formed (empty turns updates off)', () => {
  assert.doesNotThrow(() => parseTrustedKeys(bundledUpdateKeys));
});
