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
}
