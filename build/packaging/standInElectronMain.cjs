// Runs the packaged main process under plain Node, as Electron would start it: `process.resourcesPath`
// set, the app's own package.json naming the bundle, and a stand-in for the 'electron' module (the
// binary cannot be downloaded here). Plain CommonJS and no tsx, so that nothing of the repository
// helps the package find its files. Driven by the test over the fork channel:
//   { id, op: 'api', procedure, input }   → the window's IPC call to the backend
//   { id, op: 'fetch', url }              → the app:// protocol (the UI, a paper's file)
//   { id, op: 'state' }                   → error boxes, windows, stand-in calls nobody provided
//   { id, op: 'quit' }                    → app.quit(), as closing the window does
//
//   node standInElectronMain.cjs <app folder> <resources folder> <userData folder>
// build/packaging/packagedMain.ts starts it and speaks this protocol.
'use strict';
const { EventEmitter } = require('node:events');
const Module = require('node:module');
const path = require('node:path');

const [appDir, resourcesPath, userData] = process.argv.slice(2);
process.resourcesPath = resourcesPath;
const manifest = require(path.join(appDir, 'package.json'));

const recorded = { errorBoxes: [], unknown: [], ipc: new Map(), protocols: new Map(), windows: [], logs: [] };

/** Anything the shell asks for that this stand-in does not provide: recorded, answered with nothing. */
function lenient(name, known) {
  return new Proxy(known, {
    get(target, key) {
      if (key in target || typeof key === 'symbol') return target[key];
      recorded.unknown.push(`${name}.${String(key)}`);
      return () => undefined;
    },
  });
}

let nextContentsId = 1;
class WebContents extends EventEmitter {
  constructor() {
    super();
    this.id = nextContentsId++;
  }
  setWindowOpenHandler() {}
  send() {}
  isDestroyed() {
    return false;
  }
  getPrintersAsync() {
    return Promise.resolve([]);
  }
  print(_options, callback) {
    callback(false, '替身没有打印机');
  }
}

let quitting = false;
const app = Object.assign(new EventEmitter(), {
  isPackaged: true,
  getPath: (name) => (name === 'userData' ? userData : path.join(userData, name)),
  getAppPath: () => appDir,
  getVersion: () => manifest.version,
  getName: () => manifest.productName,
  getLocale: () => 'zh-CN',
  requestSingleInstanceLock: () => true,
  enableSandbox: () => {},
  commandLine: { appendSwitch: () => {} },
  setAppUserModelId: () => {},
  whenReady: () => Promise.resolve(),
  quit() {
    if (quitting) return;
    let prevented = false;
    app.emit('will-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) {
      quitting = true;
      process.exit(0);
    }
  },
  exit: (code) => process.exit(code),
});

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    recorded.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
    setImmediate(() => this.emit('ready-to-show'));
  }
  loadURL(url) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show() {}
  maximize() {}
  focus() {}
  restore() {}
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return false;
  }
  static getAllWindows() {
    return recorded.windows;
  }
}

const electron = {
  app: lenient('app', app),
  BrowserWindow,
  safeStorage: {
    // As DPAPI would be: available, wrapping reversibly — or, as on a Linux PC without a keyring, absent.
    isAsyncEncryptionAvailable: async () => process.env.STAND_IN_KEYCHAIN !== 'none',
    encryptStringAsync: async (text) => Buffer.from(`wrapped:${text}`, 'utf8'),
    decryptStringAsync: async (data) => ({
      result: data.toString('utf8').slice('wrapped:'.length),
      shouldReEncrypt: false,
    }),
  },
  protocol: lenient('protocol', {
    registerSchemesAsPrivileged: () => {},
    handle: (scheme, handler) => recorded.protocols.set(scheme, handler),
  }),
  session: {
    defaultSession: lenient('session', {
      setPermissionRequestHandler: () => {},
      setPermissionCheckHandler: () => {},
      setDevicePermissionHandler: () => {},
    }),
  },
  ipcMain: lenient('ipcMain', { handle: (channel, handler) => recorded.ipc.set(channel, handler), on: () => {} }),
  Menu: { buildFromTemplate: (template) => ({ template, popup() {} }), setApplicationMenu: () => {} },
  dialog: lenient('dialog', {
    showErrorBox: (title, body) => recorded.errorBoxes.push(`${title}: ${body}`),
    showMessageBox: () => Promise.resolve({ response: 0 }),
    showMessageBoxSync: () => 1,
  }),
};

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'electron' ? electron : load.call(this, request, ...rest);
};

const trustedFrame = () => ({
  sender: recorded.windows[0].webContents,
  senderFrame: { url: 'app://township/index.html', parent: null },
});

async function answer(message) {
  switch (message.op) {
    case 'api': {
      const handler = recorded.ipc.get('township-desk:api');
      if (!handler) throw new Error('主进程没有注册 township-desk:api 通道');
      return handler(trustedFrame(), message.procedure, message.input);
    }
    case 'fetch': {
      const response = await recorded.protocols.get('app')(new Request(message.url));
      return {
        status: response.status,
        contentType: response.headers.get('content-type'),
        body: Buffer.from(await response.arrayBuffer()).toString('base64'),
      };
    }
    case 'state':
      return {
        errorBoxes: recorded.errorBoxes,
        unknown: [...new Set(recorded.unknown)],
        windows: recorded.windows.map((w) => w.loadedUrl ?? null),
        channels: [...recorded.ipc.keys()],
      };
    case 'quit':
      setImmediate(() => app.quit());
      return null;
    default:
      throw new Error(`unknown op ${message.op}`);
  }
}

process.on('message', (message) => {
  answer(message).then(
    (result) => process.send({ id: message.id, ok: true, result }),
    (error) => process.send({ id: message.id, ok: false, error: String((error && error.stack) || error) }),
  );
});

require(path.join(appDir, manifest.main));
