// The one desktop window and its web preferences. Plain data (the 'electron' import is for
// types only), tested in test/electron-shell/windowOptions.test.ts.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export interface WindowOptionsInput {
  /** Absolute path of `dist/electron/preload.cjs`. */
  preloadPath: string;
  /** Developer tools: on in development, off in the packaged app (a counter PC is not a lab). */
  devTools: boolean;
}

/**
 * The page is untrusted as far as the OS is concerned: no Node, a separate JavaScript world for
 * the preload (contextIsolation), Chromium's OS sandbox, the same-origin policy, no <webview>.
 */
export function secureWebPreferences({ preloadPath, devTools }: WindowOptionsInput): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  };
}

export function mainWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    title: '乡镇一站通',
    width: 1366,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    // Shown on 'ready-to-show', so the clerk never sees a white flash.
    show: false,
    backgroundColor: '#f5f5f5',
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(input),
  };
}
