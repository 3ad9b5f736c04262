import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createPrinterSettingsStore, PRINTER_SETTINGS_FILE } from '../../electron/main/printerSettingsStore';
import type { PrinterSettings } from '../../shared/documents/printing';

const receiptSilent: PrinterSettings = {
  byDocumentType: {
    receipt: { deviceName: 'XP-80C', silent: true },
    certificate: { deviceName: null, silent: false },
  },
};

describe('printer settings store', () => {
  let folder: string;
  let file: string;
  beforeEach(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'printer-settings-'));
    file = path.join(folder, PRINTER_SETTINGS_FILE);
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  test('no file yet: empty settings, nothing logged', async () => {
    const logged: string[] = [];
    const store = createPrinterSettingsStore(folder, { log: (m) => logged.push(m) });
    assert.deepEqual(await store.read(), { byDocumentType: {} });
    assert.deepEqual(logged, []);
  });

  test('a damaged or foreign file: empty settings and a log line, never a crash', async () => {
    for (const content of [
      '{"byDocumentType": {"receipt": {"deviceName": "XP',
      '',
      'null',
      '[]',
      '{"byDocumentType": {"receipt": {"deviceName": 42, "silent": "yes"}}}',
      '{"byDocumentType": "receipt"}',
    ]) {
      await writeFile(file, content);
      const logged: string[] = [];
      const store = createPrinterSettingsStore(folder, { log: (m) => logged.push(m) });
      assert.deepEqual(await store.read(), { byDocumentType: {} }, content);
      assert.equal(logged.length, 1, content);
    }
  });

  test('what is written is read back, also by a new store (the next start of the app)', async () => {
    const store = createPrinterSettingsStore(folder);
    assert.deepEqual(await store.write(receiptSilent), receiptSilent);
    assert.deepEqual(await store.read(), receiptSilent);
    assert.deepEqual(await createPrinterSettingsStore(folder).read(), receiptSilent);
    assert.deepEqual(JSON.parse(await readFile(file, 'utf8')), receiptSilent);
  });

  test('creates the folder if userData does not exist yet', async () => {
    const nested = path.join(folder, 'not', 'yet');
    const store = createPrinterSettingsStore(nested);
    await store.write(receiptSilent);
    assert.deepEqual(await store.read(), receiptSilent);
  });

  test('invalid settings are refused and the file is left alone', async () => {
    const store = createPrinterSettingsStore(folder);
    await store.write(receiptSilent);
    await assert.rejects(
      store.write({ byDocumentType: { receipt: { deviceName: 7, silent: true } } } as unknown as PrinterSettings),
    );
    assert.deepEqual(await store.read(), receiptSilent);
  });

  test('writes replace the file by renaming a complete temporary file over it', async () => {
    const store = createPrinterSettingsStore(folder);
    await store.write(receiptSilent);
    const before = await stat(file);
    await store.write({ byDocumentType: {} });
    const after = await stat(file);
    assert.notEqual(after.ino, before.ino, 'a new file, not the old one rewritten in place');
    assert.deepEqual(await readdir(folder), [PRINTER_SETTINGS_FILE], 'no temporary file left behind');
  });

  test('a write that fails midway keeps the old settings and leaves no temporary file', async () => {
    await createPrinterSettingsStore(folder).write(receiptSilent);
    const failing = createPrinterSettingsStore(folder, {
      rename: () => Promise.reject(Object.assign(new Error('disk full'), { code: 'ENOSPC' })),
    });
    await assert.rejects(failing.write({ byDocumentType: {} }), /disk full/);
    assert.deepEqual(await failing.read(), receiptSilent);
    assert.deepEqual(await readdir(folder), [PRINTER_SETTINGS_FILE]);
  });

  test('writes made together land in order: the last one wins', async () => {
    const store = createPrinterSettingsStore(folder);
    const versions = Array.from({ length: 10 }, (_, i) => ({
      byDocumentType: { receipt: { deviceName: `P${i}`, silent: i % 2 === 0 } },
    }));
    await Promise.all(versions.map((settings) => store.write(settings)));
    assert.deepEqual(await store.read(), versions[versions.length - 1]);
    assert.deepEqual(await readdir(folder), [PRINTER_SETTINGS_FILE]);
  });
});
