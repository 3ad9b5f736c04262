import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  APP_START_URL,
  appResponseHeaders,
  createAppRequestHandler,
  mimeTypeFor,
  resolveAppFile,
} from '../../electron/main/appProtocol';
import { SECURITY_HEADERS } from '../../electron/hall/securityHeaders';

const ROOT = '/opt/township/dist/renderer';

function fileOf(url: string, root = ROOT, pathApi = path.posix) {
  const result = resolveAppFile(url, root, pathApi);
  assert.ok(result.ok, `expected ${url} to resolve, got ${JSON.stringify(result)}`);
  return result.filePath;
}

function refused(url: string, root = ROOT, pathApi = path.posix) {
  const result = resolveAppFile(url, root, pathApi);
  assert.equal(result.ok, false, `expected ${url} to be refused, got ${JSON.stringify(result)}`);
  return result;
}

function assertInside(filePath: string, root = ROOT, pathApi = path.posix) {
  const relative = pathApi.relative(root, filePath);
  assert.ok(
    relative !== '' && !relative.startsWith('..') && !pathApi.isAbsolute(relative),
    `${filePath} is outside ${root}`,
  );
}

describe('the app:// scheme', () => {
  test('is app://township, registered standard and secure, without bypassing the CSP', () => {
    assert.equal(APP_ORIGIN, 'app://township');
    assert.equal(APP_START_URL, 'app://township/index.html');
    assert.equal(APP_SCHEME_PRIVILEGES.standard, true);
    assert.equal(APP_SCHEME_PRIVILEGES.secure, true);
    assert.equal('bypassCSP' in APP_SCHEME_PRIVILEGES, false);
    assert.equal('corsEnabled' in APP_SCHEME_PRIVILEGES, false);
    assert.equal('allowServiceWorkers' in APP_SCHEME_PRIVILEGES, false);
  });
});

describe('resolveAppFile maps URLs to files inside the UI folder', () => {
  test('files of the UI', () => {
    assert.equal(fileOf('app://township/index.html'), `${ROOT}/index.html`);
    assert.equal(fileOf('app://township/assets/index-abc123.js'), `${ROOT}/assets/index-abc123.js`);
    assert.equal(fileOf('app://township/assets/app.css?v=2#x'), `${ROOT}/assets/app.css`);
    assert.equal(fileOf('app://township/%E5%9B%BE%E6%A0%87.png'), `${ROOT}/图标.png`);
    assert.equal(fileOf('app://TOWNSHIP/index.html'), `${ROOT}/index.html`);
  });

  test('the root and client-side routes get index.html', () => {
    for (const url of [
      'app://township',
      'app://township/',
      'app://township/residents',
      'app://township/residents/0190c7a8-1234/edit',
      'app://township/mediation/',
    ]) {
      assert.equal(fileOf(url), `${ROOT}/index.html`, url);
    }
  });

  test('dot segments are resolved by the URL parser and can never climb out', () => {
    for (const url of [
      'app://township/../../../../etc/passwd',
      'app://township/assets/../../../etc/shadow.txt',
      'app://township/%2e%2e/%2e%2e/etc/passwd',
      'app://township/.%2E/.%2e/%2E%2E/etc/hosts.txt',
      'app://township/a/b/../../../../../../windows/win.ini',
    ]) {
      const result = resolveAppFile(url, ROOT, path.posix);
      if (result.ok) assertInside(result.filePath);
    }
  });

  test('refuses encoded separators and traversal inside one segment', () => {
    for (const url of [
      'app://township/..%2f..%2f..%2fetc%2fpasswd',
      'app://township/assets%2F..%2F..%2Fsecret.js',
      'app://township/..%5c..%5c..%5cwindows%5cwin.ini',
      'app://township/assets/%5c..%5csecret.js',
      'app://township/%2e%2e%2fsecret.js',
    ]) {
      assert.equal(refused(url).status, 400, url);
    }
  });

  test('refuses absolute paths, drive letters and odd characters', () => {
    for (const url of [
      'app://township/C:/Windows/win.ini',
      'app://township/C:%5CWindows%5Cwin.ini',
      'app://township/c%3a/x.js',
      'app://township//etc/passwd',
      'app://township/%2Fetc%2Fpasswd',
      'app://township/index.html%00.png',
      'app://township/a%0a.js',
      'app://township/file.js:stream',
      'app://township/%ZZ.js',
    ]) {
      assert.equal(refused(url).status, 400, url);
    }
  });

  test('refuses hidden files and names Windows would treat specially', () => {
    for (const url of [
      'app://township/.env',
      'app://township/.vite/manifest.json',
      'app://township/assets/.htaccess',
      'app://township/CON',
      'app://township/con.js',
      'app://township/assets/NUL.txt',
      'app://township/COM1.png',
      'app://township/index.html.',
      'app://township/index.html%20',
    ]) {
      assert.equal(refused(url).status, 404, url);
    }
  });

  test('refuses other schemes, hosts, ports and credentials', () => {
    for (const url of [
      'https://township/index.html',
      'file:///etc/passwd',
      'file:///C:/Windows/win.ini',
      'app://evil/index.html',
      'app://township.evil.example/index.html',
      'app://township:8080/index.html',
      'app://user:pass@township/index.html',
      'app:township/index.html',
      'app:/township/index.html',
      'app:///index.html',
      'javascript:alert(1)',
      'not a url',
      '',
    ]) {
      assert.equal(refused(url).status, 400, url);
    }
  });

  test('Windows paths: stays inside the folder and refuses backslash tricks', () => {
    const root = 'C:\\Program Files\\乡镇一站通\\resources\\app.asar\\dist\\renderer';
    assert.equal(fileOf('app://township/assets/app.js', root, path.win32), `${root}\\assets\\app.js`);
    assert.equal(fileOf('app://township/', root, path.win32), `${root}\\index.html`);
    for (const url of [
      'app://township/..%5C..%5C..%5Cwindows%5Cwin.ini',
      'app://township/assets%5C..%5C..%5Csecret.js',
      'app://township/C:%5Cwin.ini',
      'app://township/%5C%5Cserver%5Cshare%5Cx.js',
    ]) {
      assert.equal(refused(url, root, path.win32).status, 400, url);
    }
    const result = resolveAppFile('app://township/../../../../Windows/win.ini', root, path.win32);
    if (result.ok) assertInside(result.filePath, root, path.win32);
  });
});

describe('MIME types', () => {
  test('by extension, case-insensitive, opaque bytes for the unknown', () => {
    assert.equal(mimeTypeFor('/x/index.html'), 'text/html; charset=utf-8');
    assert.equal(mimeTypeFor('/x/a.js'), 'text/javascript; charset=utf-8');
    assert.equal(mimeTypeFor('/x/a.mjs'), 'text/javascript; charset=utf-8');
    assert.equal(mimeTypeFor('/x/a.css'), 'text/css; charset=utf-8');
    assert.equal(mimeTypeFor('/x/a.json'), 'application/json; charset=utf-8');
    assert.equal(mimeTypeFor('/x/a.svg'), 'image/svg+xml');
    assert.equal(mimeTypeFor('/x/A.PNG'), 'image/png');
    assert.equal(mimeTypeFor('/x/a.woff2'), 'font/woff2');
    assert.equal(mimeTypeFor('/x/a.wasm'), 'application/wasm');
    assert.equal(mimeTypeFor('/x/a.exe'), 'application/octet-stream');
    assert.equal(mimeTypeFor('/x/noext'), 'application/octet-stream');
  });

  test('every response carries the security headers', () => {
    const headers = appResponseHeaders('text/html; charset=utf-8');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) assert.equal(headers[name], value, name);
    assert.equal(headers['Content-Type'], 'text/html; charset=utf-8');
  });
});

describe('the protocol handler serves files with the security headers', () => {
  let dir: string;
  let handler: (request: Request) => Promise<Response>;
  const logged: string[] = [];

  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'township-app-protocol-'));
    const rendererDir = path.join(dir, 'renderer');
    await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>乡镇一站通</title>');
    await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1);');
    await writeFile(path.join(dir, 'secret.txt'), 'top secret');
    handler = createAppRequestHandler({ rendererDir, log: (m) => logged.push(m) });
  });
  after(() => rm(dir, { recursive: true, force: true }));

  function assertSecurityHeaders(response: Response) {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      assert.equal(response.headers.get(name), value, `${name} on ${response.status}`);
    }
  }

  test('GET index.html', async () => {
    const response = await handler(new Request('app://township/index.html'));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('Content-Type'), 'text/html; charset=utf-8');
    assertSecurityHeaders(response);
    assert.match(await response.text(), /乡镇一站通/);
  });

  test('GET a script', async () => {
    const response = await handler(new Request('app://township/assets/app.js'));
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('Content-Type'), 'text/javascript; charset=utf-8');
    assertSecurityHeaders(response);
    assert.equal(await response.text(), 'console.log(1);');
  });

  test('a client-side route gets index.html', async () => {
    const response = await handler(new Request('app://township/residents/123'));
    assert.equal(response.status, 200);
    assert.match(await response.text(), /<title>/);
  });

  test('HEAD has headers and no body', async () => {
    const response = await handler(new Request('app://township/index.html', { method: 'HEAD' }));
    assert.equal(response.status, 200);
    assertSecurityHeaders(response);
    assert.equal(await response.text(), '');
  });

  test('other methods: 405', async () => {
    const response = await handler(new Request('app://township/index.html', { method: 'POST', body: 'x' }));
    assert.equal(response.status, 405);
    assert.equal(response.headers.get('Allow'), 'GET, HEAD');
    assertSecurityHeaders(response);
  });

  test('a missing file: 404 with the headers', async () => {
    const response = await handler(new Request('app://township/assets/missing.js'));
    assert.equal(response.status, 404);
    assertSecurityHeaders(response);
  });

  test('traversal attempts never return the file beside the UI folder', async () => {
    for (const url of [
      'app://township/..%2fsecret.txt',
      'app://township/assets/..%2f..%2fsecret.txt',
      'app://township/%2e%2e/secret.txt',
      'app://township/../secret.txt',
      'app://township/..%5csecret.txt',
    ]) {
      const response = await handler(new Request(url));
      assert.notEqual(response.status, 200, url);
      assertSecurityHeaders(response);
      assert.doesNotMatch(await response.text(), /top secret/, url);
    }
    assert.ok(logged.some((m) => m.includes('拒绝')));
  });

  test('a read error other than "not found": 500, logged', async () => {
    const failing = createAppRequestHandler({
      rendererDir: dir,
      readFile: () => Promise.reject(Object.assign(new Error('denied'), { code: 'EACCES' })),
      log: (m) => logged.push(m),
    });
    const response = await failing(new Request('app://township/index.html'));
    assert.equal(response.status, 500);
    assertSecurityHeaders(response);
  });
});
