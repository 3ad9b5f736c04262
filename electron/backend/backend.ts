import type { ApiResult } from '../../shared/api/errors';
import { dispatch, type DispatchDeps } from './api/dispatch';
import { watchSessionEnd, type SessionCarrier } from './api/context';
import type { AllHandlers } from './api/handlers';
import { DEFAULT_SETTINGS, type NodeSettings } from './api/settings';
import { auditHandlers } from './audit/auditHandlers';
import { authHandlers } from './auth/authHandlers';
import { SignInThrottle } from './auth/signInThrottle';
import { calendarHandlers } from './calendar/calendarHandlers';
import { seedShippedCalendar } from './calendar/calendarStore';
import { catalogHandlers } from './catalog/catalogHandlers';
import { casesHandlers } from './counter/casesHandlers';
import { caseAttachmentsHandlers } from './counter/caseAttachments';
import { hallSettingsHandlers } from './counter/hallSettingsHandlers';
import { ledgerHandlers } from './counter/ledgerHandlers';
import { SETTING_NODE_ID, readSetting, writeSetting } from './auth/nodeSettings';
import { documentLinking } from './documents/linking';
import { usersHandlers } from './auth/usersHandlers';
import { backupHandlers } from './backup/backupHandlers';
import { BackupService } from './backup/backupService';
import type { FirstRunRestore } from './backup/firstRunRestore';
import { openDataFiles, type DataFiles } from './db/dataFiles';
import { openDatabase, type Db } from './db/database';
import { uuidv7 } from './db/uuidv7';
import { runWrite } from './db/writeScope';
import { documentsHandlers } from './documents/documentsHandlers';
import { errandsHandlers } from './counter/errands/errandsHandlers';
import { committeesHandlers } from './mediation/committeesHandlers';
import { disputesHandlers } from './mediation/disputesHandlers';
import { mediationStatisticsHandlers } from './mediation/statisticsHandlers';
import { petitionsHandlers } from './petitions/petitionsHandlers';
import { mattersHandlers } from './matters/mattersHandlers';
import { matterTable } from './matters/matterTable';
import { queueHandlers } from './queue/queueHandlers';
import { ticketTable } from './queue/queueTable';
import { ticketIntakeLink } from './queue/caseLink';
import { provideCaseIntakeLink } from './workflow/caseIntakeLinks';
import { FileTicketStore, type FileRequester, type TicketFile } from './documents/fileTickets';
import { UploadStore, type UploadOpening } from './documents/uploads';
import { hashToken, resolveSession } from './auth/sessions';
import { screenLinkOwner } from './auth/screenCredentials';
import { loadFonts, type FontLocation } from './documents/fonts';
import { paperRenderer, type RenderPoolOptions } from './documents/renderPool';
import { placesHandlers } from './places/placesHandlers';
import { residentsHandlers } from './residents/residentsHandlers';
import { searchHandlers } from './search/searchHandlers';
import { aboutHandlers } from './about/aboutHandlers';
import { instructionsHandlers } from './sync/instructionsHandlers';
import type { KeyProtector } from './sync/keyStore';
import { createSyncEngine, type SyncEngine, type SyncEngineOptions } from './sync/syncEngine';
import type { RecordTables } from './workflow/recordTables';
import { deskFigures } from './deskFigures';
import { residentTable } from './residents/residentTable';
import { caseTable } from './counter/caseTable';
import { errandHandoverTable, errandTable } from './counter/errands/errandTables';
import { disputeTable } from './mediation/disputeTable';
import { petitionTable, receptionDayTable } from './petitions/petitionTables';
import { syncHandlers } from './sync/syncHandlers';
import { createVillageReceiver } from './sync/villages/receiver';
import { villageNodesHandlers } from './sync/villages/villageNodesHandlers';
import { villageNodeStatus } from './sync/villages/villageStatus';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FirstRunRebuild } from './sync/firstRunRebuild';
import { hallNetworkHandlers } from './hallNetwork/hallNetworkHandlers';
import { hallScreensHandlers } from './hallScreens/hallScreensHandlers';
import type { HallNetworkController } from './hallNetwork/hallNetworkController';
import { devicesHandlers } from './devices/devicesHandlers';
import type { IdCardReader } from './devices/idCard/reader';

export type { SessionCarrier } from './api/context';

/** The handlers that need nothing but the request context (auth's and sync's are made per backend). */
const commonHandlers = {
  ...usersHandlers,
  ...placesHandlers,
  ...residentsHandlers,
  ...auditHandlers,
  ...documentsHandlers,
  ...calendarHandlers,
  ...catalogHandlers,
  ...casesHandlers,
  ...caseAttachmentsHandlers,
  ...ledgerHandlers,
  ...hallSettingsHandlers,
  ...errandsHandlers,
  ...committeesHandlers,
  ...disputesHandlers,
  ...mediationStatisticsHandlers,
  ...petitionsHandlers,
  ...mattersHandlers,
  ...queueHandlers,
  ...instructionsHandlers,
  ...searchHandlers,
  ...aboutHandlers,
};

/** Where each kind of record lives: its declared access is applied through these. */
export const RECORD_TABLES: RecordTables = {
  resident: residentTable,
  counterCase: caseTable,
  errand: errandTable,
  errandHandover: errandHandoverTable,
  dispute: disputeTable,
  petition: petitionTable,
  receptionDay: receptionDayTable,
  matter: matterTable,
  queueTicket: ticketTable,
};

// The ticket called to a window is taken in with the case the counter accepts for its holder.
provideCaseIntakeLink('queueTicket', ticketIntakeLink);

export interface Backend {
  readonly db: Db;
  readonly nodeId: string;
  /** Upward sync with the county hub (tests and the bench drive it directly). */
  readonly sync: SyncEngine;
  /** The data folder's papers and attachments (encrypted where the database is). */
  readonly files: DataFiles;
  /** Backups of the data folder and restore drills. */
  readonly backups: BackupService;
  dispatch(procedure: string, input: unknown, carrier: SessionCarrier): Promise<ApiResult<unknown>>;
  /**
   * The file behind a short-lived `/files/<ticket>/<name>` link, or null: unknown, expired, or
   * not issued to the requester's session (or that session is over).
   */
  openFile(urlPath: string, requester: FileRequester): Promise<TicketFile | null>;
  /**
   * Whether `token` opens a live session (not ended, expired or idle too long): the hall host
   * asks this before it reads a request body, so that no stranger can make it buffer megabytes.
   */
  hasSession(token: string | null): Promise<boolean>;
  /**
   * Where the session `carrier` holds may upload a file (shared/api/uploads.ts), or why not:
   * decided from the session alone, before a byte of the file is read.
   */
  openUpload(carrier: SessionCarrier): Promise<UploadOpening>;
  /**
   * Why the host cannot answer for a moment (changing over to a restored data folder), in
   * Chinese; null or absent when it can. The hall host answers 503 with it before reading a body.
   */
  unavailable?(): string | null;
  /**
   * Serves a village node's sync request (/sync/v1/*, through 大厅网络) with the township's
   * receiving library; false when the path is not one or no village node is enrolled here.
   */
  villageSync?(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  close(): Promise<void>;
}

export interface BackendOptions {
  /** Folder holding `township.sqlite` (created if missing). */
  dataDir: string;
  /**
   * The database key (32 bytes, see db/databaseKey.ts); absent: a plain database, as before. A
   * plain database found with a key is encrypted in place, a backup taken first.
   */
  databaseKey?: Uint8Array | null;
  /** For tests: the time the backend believes it is. */
  now?: () => Date;
  settings?: Partial<NodeSettings>;
  /** Where the document fonts are (the packaged app's resources); default: the npm packages. */
  fonts?: FontLocation;
  /**
   * Papers drawn in worker threads (documents/renderPool.ts) rather than on the event loop, and
   * how (pool size, a job's time limit). Default: yes when running from a bundle (the hosts), no
   * under tsx (tests, unless they ask); TOWNSHIP_RENDER_WORKERS overrides the default.
   */
  renderInWorkers?: boolean | Omit<RenderPoolOptions, 'fonts'>;
  logError?: (error: unknown, procedure: string) => void;
  sync?: BackendSyncOptions;
  /** Runs the daily backup and the weekly restore drill on their own (the hosts; tests drive them). */
  backupSchedule?: boolean;
  /** The host's restore at first run (backendHolder.ts); without it the first-run screen cannot restore. */
  firstRunRestore?: FirstRunRestore;
  /** The host's LAN listener (大厅网络, electron/hall/lanListener.ts); without it the page says it cannot open one. */
  hallNetwork?: HallNetworkController;
  /** The ID-card reader on this machine (the host's `--id-card-reader`, the desktop app's setting); absent: none. */
  idCardReader?: IdCardReader | null;
}

/** How the host runs sync; the engine's own knobs (batch sizes, retry, timeouts) pass through. */
export interface BackendSyncOptions extends Partial<
  Omit<SyncEngineOptions, 'db' | 'dataDir' | 'now' | 'timeZone' | 'deskFigures' | 'records'>
> {
  /** The desktop app's OS-keychain wrapping of the private keys (Electron safeStorage). */
  keyProtector?: KeyProtector | null;
  /** Unlocks the keys at start (the hall host reads it from TOWNSHIP_SYNC_PASSPHRASE). */
  passphrase?: string | null;
  /** Minutes between automatic runs while enrolled and unlocked; absent or 0: none (tests). */
  intervalMinutes?: number | null;
}

/** This installation's id, made at first start — through an entry, so a rebuild gets it back. */
async function ensureNodeId(db: Db, at: string): Promise<string> {
  const existing = await readSetting(db, SETTING_NODE_ID);
  if (existing) return existing;
  const nodeId = uuidv7();
  await runWrite(db, { id: null, name: '系统' }, at, (scope) =>
    scope.change({ entity: 'node', id: 'identity', op: 'create' }, async (tx) => {
      await writeSetting(tx, SETTING_NODE_ID, nodeId);
      return { nodeId };
    }),
  );
  return nodeId;
}

/** Opens the database (migrating it) and returns the transport-neutral backend. */
export async function openBackend(options: BackendOptions): Promise<Backend> {
  const db = await openDatabase(options.dataDir, { key: options.databaseKey });
  const files = await openDataFiles(options.dataDir, options.databaseKey ?? null);
  const nodeId = await ensureNodeId(db, (options.now ?? (() => new Date()))().toISOString());
  const settings: NodeSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  const now = options.now ?? (() => new Date());
  await seedShippedCalendar(db, now().toISOString());
  const tickets = new FileTicketStore(now, hashToken);
  const uploads = new UploadStore(files, now, hashToken);
  await uploads.start();
  const { passphrase, intervalMinutes, ...engineOptions } = options.sync ?? {};
  const sync = createSyncEngine({
    // stderr, as every log of the backend: stdout belongs to whatever runs the process.
    log: (line) => console.warn(`[township-desk] ${line}`),
    ...engineOptions,
    deskFigures,
    records: RECORD_TABLES,
    db,
    dataDir: options.dataDir,
    files,
    now,
    timeZone: settings.timeZone,
  });
  await sync.init({ passphrase });
  if (intervalMinutes) sync.startScheduler(intervalMinutes);
  const backups = new BackupService({
    db,
    dataDir: options.dataDir,
    key: options.databaseKey ?? null,
    nodeId,
    now,
    timeZone: settings.timeZone,
    log: (line) => console.warn(`[township-desk] ${line}`),
  });
  await backups.init();
  if (options.backupSchedule) backups.startScheduler();
  const villages = createVillageReceiver({
    db,
    dataDir: options.dataDir,
    databaseKey: options.databaseKey ?? null,
    files,
    records: RECORD_TABLES,
    now,
    log: (line) => console.warn(`[township-desk] ${line}`),
  });
  await villages.resume();
  /** Every procedure of the contract has exactly one handler; the type check proves coverage. */
  const handlers: AllHandlers = {
    ...commonHandlers,
    ...authHandlers(new SignInThrottle(), villageNodeStatus),
    ...syncHandlers(
      sync,
      new FirstRunRebuild({ db, sync, now, log: (line) => console.warn(`[township-desk] ${line}`) }),
    ),
    ...backupHandlers(backups, options.firstRunRestore ?? null),
    ...hallNetworkHandlers(options.hallNetwork ?? null),
    ...hallScreensHandlers(new SignInThrottle()),
    ...villageNodesHandlers(villages, options.hallNetwork ?? null),
    ...devicesHandlers(options.idCardReader ?? null),
  };
  const renderer = paperRenderer(options);
  const deps: DispatchDeps = {
    db,
    handlers,
    settings: () => settings,
    documents: {
      files,
      fonts: () => loadFonts(options.fonts),
      renderer,
      tickets,
      uploads,
      linking: documentLinking(db, () => sync.documentSigner()),
    },
    records: RECORD_TABLES,
    now,
    logError:
      options.logError ??
      ((error, procedure) =>
        console.error(`[township-desk] ${procedure} 出错：`, error instanceof Error ? error.stack : error)),
  };
  // A session that ends takes its file links and its staged uploads with it.
  const watched = (carrier: SessionCarrier) =>
    watchSessionEnd(carrier, (token) => {
      const sessionHash = hashToken(token);
      tickets.dropSession(sessionHash);
      void uploads.dropSession(sessionHash);
    });
  return {
    db,
    nodeId,
    sync,
    files,
    backups,
    dispatch: (procedure, input, carrier) => dispatch(deps, procedure, input, watched(carrier)),
    openFile: (urlPath, requester) =>
      tickets.open(urlPath, requester, (token) =>
        requester !== 'desktopApp' && 'screenToken' in requester
          ? screenLinkOwner(db, token, now())
          : resolveSession(db, token, now(), settings),
      ),
    hasSession: async (token) => (await resolveSession(db, token, now(), settings)) !== null,
    async openUpload(carrier) {
      const session = await resolveSession(db, carrier.token, now(), settings);
      // A dead session's token is cleared, as dispatch clears it (and its links and uploads go).
      if (!session && carrier.token) watched(carrier).setToken(null);
      return uploads.open(
        session && {
          tokenHash: session.tokenHash,
          locked: session.locked,
          mustChangePassword: session.user.mustChangePassword,
        },
      );
    },
    villageSync: (req, res) => villages.handle(req, res),
    async close() {
      // The runs in progress end first: they must not write into a closed database.
      await sync.close();
      await villages.close();
      await backups.close();
      await uploads.close();
      await renderer?.close();
      // The port or library is released; a backend opened again (a restore) reopens it on its first read.
      await options.idCardReader?.close();
      await db.destroy();
    },
  };
}
