// What every part of the hub works with: the database, the hub's keys, the data folder and
// the clock. One object, built by openHub, so the modules stay plain functions.
import type { HubDialect } from './db/open';
import type { HubDb } from './db/schema';
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
