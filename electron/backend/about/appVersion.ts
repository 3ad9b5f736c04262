// The app's version, from package.json (what electron-builder names the package by and Electron's
// app.getVersion() answers): bundled into the hall host and the desktop main process at build
// time, read from the file under tsx. Recorded in the database on every open (db/upgrade.ts).
import { version } from '../../../package.json';

export const APP_VERSION: string = version;
