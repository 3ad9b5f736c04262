import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mainWindowOptions, secureWebPreferences } from '../../electron/main/windowOptions';

const preloadPath = '/opt/township/dist/electron/preload.cjs';

test('web preferences isolate the page from Node and the OS', () => {
  const prefs = secureWebPreferences({ preloadPath, devTools: false });
  assert.equal(prefs.preload, preloadPath);
  assert.equal(prefs.contextIsolation, true);
  assert.equal(prefs.sandbox, true);
  assert.equal(prefs.nodeIntegration, false);
  assert.equal(prefs.nodeIntegrationInWorker, false);
  assert.equal(prefs.nodeIntegrationInSubFrames, false);
  assert.equal(prefs.webSecurity, true);
  assert.equal(prefs.allowRunningInsecureContent, false);
  assert.equal(prefs.webviewTag, false);
  assert.equal(prefs.experimentalFeatures, false);
  assert.equal(prefs.navigateOnDragDrop, false);
  assert.equal(prefs.devTools, false);
  // nothing that would loosen the above
  for (const key of ['enableBlinkFeatures', 'additionalArguments', 'partition', 'session'] as const) {
    assert.equal(key in prefs, false, key);
  }
});

test('developer tools only when asked (development builds)', () => {
  assert.equal(secureWebPreferences({ preloadPath, devTools: true }).devTools, true);
});

test('the window: hidden until ready, Chinese title, sensible minimum size, secure preferences', () => {
  const options = mainWindowOptions({ preloadPath, devTools: false });
  assert.equal(options.show, false);
  assert.equal(options.title, '乡镇一站通');
  assert.ok((options.minWidth ?? 0) >= 1024);
  assert.deepEqual(options.webPreferences, secureWebPreferences({ preloadPath, devTools: false }));
});
