// What every part of the hub works with: the database, the hub's keys, the data folder and
// the clock. One object, built by openHub, so the modules stay plain functions.
import type { HubDialect } from './db/open';
import type { ChangeEntry } from '../shared/sync/protocol';
import type { HubDb, HubTx } from './db/schema';
import type { HubIdentity } from './identity';
import type { RejectionThrottle } from './rejectionThrottle';

export interface HubContext {
  db: HubDb;
  dialect: HubDialect;
  dataDir: string;
  identity: HubIdentity;
  now: () => Date;
  log: (line: string) => void;
  /** How many refusals per client address are logged in full (the rest are summed up). */
  rejectionThrottle: RejectionThrottle;
  /** What the nodes below are called in messages: 乡镇 at the county, 村级节点 at a township. */
  nodeNoun?: string;
  /** Where the files the nodes send are kept (plain under dataDir unless the hub was given a store). */
  files: StoredFiles;
  /** The views kept from the rows of every applied batch (the county's; none at a township). */
  rowKeepers: readonly RowKeeper[];
}

/**
 * Where the files nodes send are kept, by node and content. The county keeps them plain
 * (files.ts `plainStoredFiles`); a township receiving its villages keeps them in its encrypted
 * data files instead (HubOptions `storedFiles`), as everything else of its laptop's data is kept.
 */
export interface StoredFiles {
  has(nodeId: string, sha256: string): Promise<boolean>;
  /** Stores `content` whole, or not at all (a crash midway leaves nothing under its name). */
  write(nodeId: string, sha256: string, content: Uint8Array): Promise<void>;
  read(nodeId: string, sha256: string): Promise<Uint8Array>;
}

/**
 * A county view kept from the rows townships send (the figures, the search index …): brought up
 * to date in the transaction that applies each batch (rowKeepers.ts).
 */
export interface RowKeeper {
  /** Stored with its position: never rename one that has shipped. */
  name: string;
  /** Brings the view up to date with `entries` (in log order) of township `nodeId`, inside `tx`. */
  apply(tx: HubTx, nodeId: string, entries: readonly ChangeEntry[], ctx: HubContext): Promise<void>;
}
