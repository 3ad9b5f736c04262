// The window's page gets the camera (video alone) from its own origin and nothing else: the
// decisions, and the handlers as main.ts installs them on a stand-in session.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { APP_ORIGIN } from '../../electron/main/appProtocol';
import {
  grantsRequest,
  installPermissionHandlers,
  originOf,
  passesCheck,
  type PermissionSession,
} from '../../electron/main/mediaPermissions';

const HALL = 'https://192.168.1.10:4781';
const OTHER_PERMISSIONS = [
  'clipboard-read',
  'display-capture',
  'geolocation',
  'notifications',
  'midi',
  'pointerLock',
  'fullscreen',
  'openExternal',
  'hid',
  'serial',
  'usb',
  'unknown',
];

describe('the camera for the app’s own page, nothing else', () => {
  test('origins: the app scheme’s by hand (URL.origin of a custom scheme is "null"), with or without a path', () => {
    assert.equal(originOf('app://township/index.html#/counter/cases/1'), 'app://township');
    assert.equal(originOf('app://TOWNSHIP/'), 'app://township');
    assert.equal(originOf(`${HALL}/`), HALL);
    for (const none of [
      '',
      null,
      undefined,
      'not a url',
      'blob:app://township/1',
      'app://user:pw@township/',
      'data:,x',
    ])
      assert.equal(originOf(none), null, String(none));
  });

  test('a request for the camera alone from app://township is granted', () => {
    for (const details of [
      { securityOrigin: 'app://township/', mediaTypes: ['video'] },
      { requestingUrl: 'app://township/index.html#/counter/cases/1', mediaTypes: ['video'] },
    ])
      assert.equal(grantsRequest('media', details, [APP_ORIGIN]), true, JSON.stringify(details));
  });

  test('the microphone, nothing named, another origin, another permission: refused', () => {
    const app = 'app://township/';
    assert.equal(grantsRequest('media', { securityOrigin: app, mediaTypes: ['audio'] }, [APP_ORIGIN]), false);
    assert.equal(grantsRequest('media', { securityOrigin: app, mediaTypes: ['video', 'audio'] }, [APP_ORIGIN]), false);
    assert.equal(grantsRequest('media', { securityOrigin: app, mediaTypes: [] }, [APP_ORIGIN]), false);
    assert.equal(grantsRequest('media', { securityOrigin: app }, [APP_ORIGIN]), false);
    assert.equal(grantsRequest('media', undefined, [APP_ORIGIN]), false);
    for (const foreign of [
      'https://evil.example/',
      'app://evil/',
      'app://township:8080/',
      'http://127.0.0.1:4781/',
      HALL,
    ])
      assert.equal(
        grantsRequest('media', { securityOrigin: foreign, mediaTypes: ['video'] }, [APP_ORIGIN]),
        false,
        foreign,
      );
    for (const permission of OTHER_PERMISSIONS)
      assert.equal(grantsRequest(permission, { securityOrigin: app, mediaTypes: ['video'] }, [APP_ORIGIN]), false);
  });

  test('in client mode the hall’s pinned origin gets the camera, and app:// no longer does', () => {
    const details = { securityOrigin: `${HALL}/`, mediaTypes: ['video'] };
    assert.equal(grantsRequest('media', details, [HALL]), true);
    assert.equal(grantsRequest('media', { ...details, securityOrigin: 'https://192.168.1.10:4782/' }, [HALL]), false);
    assert.equal(grantsRequest('media', { ...details, securityOrigin: 'http://192.168.1.10:4781/' }, [HALL]), false);
    assert.equal(grantsRequest('media', { securityOrigin: 'app://township/', mediaTypes: ['video'] }, [HALL]), false);
  });

  test('checks: the camera from the page’s origin passes; the microphone and everything else do not', () => {
    assert.equal(passesCheck('media', 'app://township', { mediaType: 'video' }, [APP_ORIGIN]), true);
    assert.equal(
      passesCheck('media', '', { mediaType: 'video', securityOrigin: 'app://township/' }, [APP_ORIGIN]),
      true,
    );
    assert.equal(passesCheck('media', 'app://township', { mediaType: 'audio' }, [APP_ORIGIN]), false);
    assert.equal(passesCheck('media', 'app://township', { mediaType: 'unknown' }, [APP_ORIGIN]), false);
    assert.equal(passesCheck('media', 'app://township', undefined, [APP_ORIGIN]), false);
    assert.equal(passesCheck('media', 'https://evil.example', { mediaType: 'video' }, [APP_ORIGIN]), false);
    for (const permission of OTHER_PERMISSIONS)
      assert.equal(passesCheck(permission, 'app://township', { mediaType: 'video' }, [APP_ORIGIN]), false);
  });

  test('installed on a session: all three handlers set; the origins read at each decision; refusals logged', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session: PermissionSession = {
      setPermissionRequestHandler: (handler) => (handlers.request = handler),
      setPermissionCheckHandler: (handler) => (handlers.check = handler),
      setDevicePermissionHandler: (handler) => (handlers.device = handler),
    };
    let allowed = [APP_ORIGIN];
    const logged: string[] = [];
    installPermissionHandlers(
      session,
      () => allowed,
      (line) => logged.push(line),
    );
    const request = handlers.request as (c: unknown, p: string, cb: (g: boolean) => void, d: unknown) => void;
    const check = handlers.check as (c: unknown, p: string, o: string, d: unknown) => boolean;
    const ask = (permission: string, details: unknown) => {
      let granted: boolean | null = null;
      request({}, permission, (g) => (granted = g), details);
      return granted;
    };
    assert.equal(ask('media', { securityOrigin: 'app://township/', mediaTypes: ['video'] }), true);
    assert.equal(ask('media', { securityOrigin: 'app://township/', mediaTypes: ['audio'] }), false);
    assert.equal(ask('geolocation', { requestingUrl: 'app://township/index.html' }), false);
    assert.equal(check({}, 'media', 'app://township', { mediaType: 'video' }), true);
    assert.equal((handlers.device as () => boolean)(), false);
    assert.deepEqual(logged, [
      '拒绝权限请求：media（audio），来自 app://township/',
      '拒绝权限请求：geolocation，来自 app://township/index.html',
    ]);
    // Client mode is set after the handlers: the hall's origin counts from then on.
    allowed = [HALL];
    assert.equal(ask('media', { securityOrigin: 'app://township/', mediaTypes: ['video'] }), false);
    assert.equal(ask('media', { securityOrigin: `${HALL}/`, mediaTypes: ['video'] }), true);
  });
});
