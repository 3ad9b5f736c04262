// The index of the county's search across townships (跨乡镇查询), kept from the rows townships
// send (hub/rowKeepers.ts): in the transaction that applies a batch, every row image of a
// counter case, dispute, petition, residents' matter or resident — and of a dispute's party or a
// petition's petitioner, who point at their record — becomes one row of hub_search_index, the
// next image of the same row replaces it, and a deleted row leaves. A row holds the key it is
// found by and the few words a list of hits shows; the whole row stays where it came, in the
// entry the index points at (hub_entries (node_id, seq)), and is read from there when opened.
//
// An ID number is never stored here: residents, parties and petitioners are keyed by an
// HMAC-SHA-256 of it under a secret of this hub (<data>/search-key, mode 0600, made on first
// use), so the index is no list of ID numbers and cannot be turned back into one without that
// file; the list shows the number masked. The file is backed up with hub-keys.json: a hub
// that lost it finds nobody by ID number until its index is rebuilt (docs/sync.md).
import { createHmac, randomBytes } from 'node:crypto';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Insertable } from 'kysely';
import { normalizeIdNumber } from '../shared/residents/idNumber';
import { maskIdNumber } from '../shared/residents/masking';
import { searchNumberKey } from '../shared/sync/countySearchApi';
import type { ChangeEntry, RowImage } from '../shared/sync/protocol';
import type { HubSearchIndexTable, HubTx } from './db/schema';
import type { RowKeeper } from './context';

/** Stored with the keeper's position (hub_keeper_positions): never rename. */
export const SEARCH_KEEPER_NAME = '检索索引';
export const SEARCH_KEY_FILE = 'search-key';

/** Index rows per multi-row INSERT: 15 columns × 300, far below both databases' parameter limits. */
const CHUNK = 300;
/** A list shows a line of what a record is about. */
const SUMMARY_CHARS = 60;

type Row = Record<string, unknown>;
type Described = Omit<HubSearchIndexTable, 'node_id' | 'table_name' | 'row_id' | 'seq'>;
type Hash = (idNumber: string) => string;

const text = (row: Row, column: string): string | null => {
  const value = row[column];
  return typeof value === 'string' && value !== '' ? value : null;
};
const clip = (value: string | null): string => {
  const chars = [...(value ?? '').replace(/\s+/g, ' ').trim()];
  return chars.length > SUMMARY_CHARS ? `${chars.slice(0, SUMMARY_CHARS).join('')}…` : chars.join('');
};
const numbered = (number: string | null) => ({
  key_kind: number === null ? null : ('number' as const),
  search_key: number === null ? null : searchNumberKey(number),
  number,
});
const person = (row: Row, hash: Hash) => {
  const idNumber = text(row, 'id_number');
  return { key_kind: idNumber ? ('person' as const) : null, search_key: idNumber ? hash(idNumber) : null };
};

/** Where a numbered record's number, person, name, line and day are in its township table. */
interface NumberedColumns {
  number: string;
  /** The registered resident it is about, when the table has one column for it. */
  person: string | null;
  name: string;
  summary: string;
  day: string;
}

function numberedRecord(table: string, columns: NumberedColumns) {
  return (row: Row, id: string): Described => ({
    ...numbered(text(row, columns.number)),
    record_table: table,
    record_id: id,
    person_id: columns.person === null ? null : text(row, columns.person),
    village_id: text(row, 'village_id'),
    name: text(row, columns.name) ?? '',
    status: text(row, 'status'),
    summary: clip(text(row, columns.summary)),
    on_date: text(row, columns.day),
  });
}

/** What the index keeps of each table's row (the tables not named here are not indexed). */
const DESCRIBE: Record<string, (row: Row, id: string, hash: Hash) => Described> = {
  counter_cases: numberedRecord('counter_cases', {
    number: 'case_number',
    person: 'resident_id',
    name: 'resident_name',
    summary: 'item_name',
    day: 'intake_on',
  }),
  disputes: numberedRecord('disputes', {
    number: 'case_number',
    person: null,
    name: 'party_names',
    summary: 'facts',
    day: 'registered_on',
  }),
  petitions: numberedRecord('petitions', {
    number: 'number',
    person: null,
    name: 'petitioner_names',
    summary: 'matter',
    day: 'received_on',
  }),
  matters: numberedRecord('matters', {
    number: 'number',
    person: 'resident_id',
    name: 'resident_name',
    summary: 'description',
    day: 'collected_on',
  }),
  residents: (row, id, hash) => {
    const idNumber = text(row, 'id_number');
    return {
      ...person(row, hash),
      record_table: 'residents',
      record_id: id,
      person_id: null,
      village_id: text(row, 'village_id'),
      number: null,
      name: text(row, 'name') ?? '',
      status: text(row, 'voided_at') ? 'voided' : 'active',
      summary: idNumber ? maskIdNumber(idNumber) : '',
      on_date: text(row, 'created_at')?.slice(0, 10) ?? null,
    };
  },
  // A party or petitioner is found by ID number (linked to a resident or typed in by hand) and
  // shows as the dispute or petition they belong to.
  dispute_parties: (row, _id, hash) => ({
    ...person(row, hash),
    record_table: 'disputes',
    record_id: text(row, 'dispute_id') ?? '',
    person_id: text(row, 'resident_id'),
    village_id: null,
    number: null,
    name: text(row, 'name') ?? '',
    status: null,
    summary: '',
    on_date: null,
  }),
  petitioners: (row, _id, hash) => ({
    ...person(row, hash),
    record_table: 'petitions',
    record_id: text(row, 'petition_id') ?? '',
    person_id: text(row, 'resident_id'),
    village_id: null,
    number: null,
    name: text(row, 'name') ?? '',
    status: null,
    summary: '',
    on_date: null,
  }),
  // Only for the village's name beside a hit.
  villages: (row, id) => ({
    key_kind: null,
    search_key: null,
    record_table: 'villages',
    record_id: id,
    person_id: null,
    village_id: null,
    number: null,
    name: text(row, 'name') ?? '',
    status: null,
    summary: '',
    on_date: null,
  }),
};

/** Tables whose rows carry an ID number (the key is loaded only when a batch has one). */
const PERSON_TABLES = new Set(['residents', 'dispute_parties', 'petitioners']);

export const searchIndexKeeper: RowKeeper = {
  name: SEARCH_KEEPER_NAME,
  async apply(tx, nodeId, entries, ctx) {
    const latest = latestImages(entries);
    if (latest.size === 0) return;
    const needsKey = [...latest.values()].some(({ image }) => !image.deleted && PERSON_TABLES.has(image.table));
    const hash = needsKey ? idNumberHasher(await searchKey(ctx.dataDir)) : () => '';
    const gone = new Map<string, string[]>();
    const kept: Insertable<HubSearchIndexTable>[] = [];
    for (const [, { image, seq }] of latest) {
      const id = image.row['id'] as string;
      if (image.deleted) {
        gone.set(image.table, [...(gone.get(image.table) ?? []), id]);
        continue;
      }
      kept.push({
        node_id: nodeId,
        table_name: image.table,
        row_id: id,
        seq,
        ...DESCRIBE[image.table]!(image.row, id, hash),
      });
    }
    for (const [table, ids] of gone) await removeRows(tx, nodeId, table, ids);
    await upsertRows(tx, kept);
  },
};

/** The last image of each indexed row in the entries (log order), with the entry holding it. */
function latestImages(entries: readonly ChangeEntry[]): Map<string, { image: RowImage; seq: number }> {
  const latest = new Map<string, { image: RowImage; seq: number }>();
  for (const entry of entries) {
    for (const image of entry.rows ?? []) {
      if (!Object.hasOwn(DESCRIBE, image.table) || typeof image.row !== 'object' || image.row === null) continue;
      const id = image.row['id'];
      if (typeof id !== 'string' || id === '') continue;
      const key = `${image.table}\u0000${id}`;
      latest.delete(key); // keeps the map in the order rows were last written
      latest.set(key, { image, seq: entry.seq });
    }
  }
  return latest;
}

async function removeRows(tx: HubTx, nodeId: string, table: string, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += CHUNK) {
    await tx
      .deleteFrom('hub_search_index')
      .where('node_id', '=', nodeId)
      .where('table_name', '=', table)
      .where('row_id', 'in', ids.slice(i, i + CHUNK))
      .execute();
  }
}

async function upsertRows(tx: HubTx, rows: Insertable<HubSearchIndexTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx
      .insertInto('hub_search_index')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns(['node_id', 'table_name', 'row_id']).doUpdateSet((eb) => ({
          key_kind: eb.ref('excluded.key_kind'),
          search_key: eb.ref('excluded.search_key'),
          record_table: eb.ref('excluded.record_table'),
          record_id: eb.ref('excluded.record_id'),
          person_id: eb.ref('excluded.person_id'),
          village_id: eb.ref('excluded.village_id'),
          number: eb.ref('excluded.number'),
          name: eb.ref('excluded.name'),
          status: eb.ref('excluded.status'),
          summary: eb.ref('excluded.summary'),
          on_date: eb.ref('excluded.on_date'),
          seq: eb.ref('excluded.seq'),
        })),
      )
      .execute();
  }
}

/** The keyed hash an ID number is indexed and searched by. */
export function idNumberHasher(key: Uint8Array): Hash {
  return (idNumber) => createHmac('sha256', key).update(normalizeIdNumber(idNumber), 'utf8').digest('base64url');
}

const keys = new Map<string, Promise<Buffer>>();

/** The hub's search key, made on first use: 32 random bytes, hex, in <data>/search-key (0600). */
export function searchKey(dataDir: string): Promise<Buffer> {
  const file = path.resolve(dataDir, SEARCH_KEY_FILE);
  let loading = keys.get(file);
  if (!loading) {
    loading = loadOrCreate(file);
    keys.set(file, loading);
    // A failure (a full disk) is not remembered: the next use tries again.
    loading.catch(() => keys.delete(file));
  }
  return loading;
}

async function loadOrCreate(file: string): Promise<Buffer> {
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (!/^[0-9a-f]{64}$/.test(stored)) {
      throw new Error(`${file} 不是县级平台的检索密钥（应为 64 个十六进制字符）；请从备份中找回该文件`);
    }
    // A copy put back by hand may have lost its mode: only the hub's user reads it.
    if (process.platform !== 'win32' && ((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
    return Buffer.from(stored, 'hex');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  try {
    // 'wx': two hubs started at once on one folder must not each make their own key.
    await writeFile(file, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreate(file);
    throw error;
  }
  await chmod(file, 0o600);
  return key;
}
