import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isAllowedNavigation, isTrustedIpcSender } from '../../electron/main/navigationPolicy';

const APP_URLS = [
  'app://township/index.html',
  'app://township/',
  'app://township/residents/0190c7a8?tab=2#top',
  'app://TOWNSHIP/index.html',
];

const FOREIGN_URLS = [
  'https://township/index.html',
  'http://localhost:5173/',
  'http://127.0.0.1:8080/',
  'https://evil.example/app://township/',
  'file:///C:/Windows/win.ini',
  'file:///etc/passwd',
  'data:text/html,<script>alert(1)</script>',
  'javascript:alert(1)',
  'blob:app://township/1234',
  'about:blank',
  'chrome://settings',
  'devtools://devtools/bundled/inspector.html',
  'app://evil/index.html',
  'app://township.evil.example/',
  'app://township:8080/',
  'app://township@evil/',
  'app://user:pass@township/',
  'app:township/index.html',
  'app:///township/index.html',
  'APP-X://township/',
  ' app://township/',
  'app://township/\n',
  'app://town\tship/',
  'app:\\\\township\\index.html',
  '\tapp://township/',
  '',
  'not a url',
];

describe('navigation policy', () => {
  test('allows the app’s own pages', () => {
    for (const url of APP_URLS) assert.equal(isAllowedNavigation(url), true, url);
  });
  test('blocks everything else', () => {
    for (const url of FOREIGN_URLS) assert.equal(isAllowedNavigation(url), false, url);
    assert.equal(isAllowedNavigation(null), false);
    assert.equal(isAllowedNavigation(undefined), false);
  });
});

describe('IPC sender trust', () => {
  test('trusts the top frame of an app page', () => {
    for (const frameUrl of APP_URLS) assert.equal(isTrustedIpcSender({ frameUrl, isMainFrame: true }), true, frameUrl);
  });
  test('never trusts an iframe, even of an app page', () => {
    assert.equal(isTrustedIpcSender({ frameUrl: 'app://township/index.html', isMainFrame: false }), false);
  });
  test('never trusts a foreign page or a frame that is gone', () => {
    for (const frameUrl of FOREIGN_URLS)
      assert.equal(isTrustedIpcSender({ frameUrl, isMainFrame: true }), false, frameUrl);
    assert.equal(isTrustedIpcSender({ frameUrl: null, isMainFrame: true }), false);
  });
});
