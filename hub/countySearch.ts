// The county's search across townships (跨乡镇查询), read from the index hub/searchIndex.ts keeps:
// a number finds the counter cases, disputes, petitions and residents' matters that carry it
// (the same number in several townships: each with its township), exactly or by its beginning;
// an ID number finds the resident by its keyed hash, with the person's cases and matters and the
// disputes and petitions where the person is a party or petitioner. Opening a hit reads the
// record as its township last sent it (the row image of the entry the index points at).
//
// Read-only, and recorded as at the township: every search and every opening writes a row of
// hub_search_audit — when, who and why (查询人、查询事由: the county token is one for all, so the
// person says it; required for an ID number), what (an ID number masked), from which address,
// how many found.
import type { IncomingMessage } from 'node:http';
import type { Kysely } from 'kysely';
import { maskIdNumber, maskPhone } from '../shared/residents/masking';
import {
  exactNumberKeys,
  idNumberOf,
  KEY_RANGE_END,
  looksLikeIdNumber,
  RECORD_FIELDS,
  SEARCH_TABLE_LABELS,
  SEARCH_TABLES,
  searchNumberKey,
  type CountyRecordSection,
  type CountySearchHit,
  type CountySearchRecord,
  type CountySearchResponse,
  type SearchAuditAction,
  type SearchAuditRow,
  type SearchMatch,
  type SearchRelatedTable,
  type SearchTable,
} from '../shared/sync/countySearchApi';
import { rowImage, type RowImage } from '../shared/sync/protocol';
import { uuidv7 } from '../electron/backend/db/uuidv7';
import { CountyHttpError } from './countyHttp';
import type { HubDatabase, HubSearchIndexTable } from './db/schema';
import { idNumberHasher, searchKey } from './searchIndex';

/** Hits listed per search; more are counted as `truncated` (type more of the number). */
export const MAX_HITS = 50;
/** Records of one person read per township (a resident's cases, matters, parties …). */
const MAX_PER_PERSON = 200;
/** Ids per `IN (…)`. */
const CHUNK = 500;

/** What the search needs of the hub (the Hub itself passes). */
export interface SearchSource {
  readonly db: Kysely<HubDatabase>;
  readonly dataDir: string;
  readonly now: () => Date;
}

/** Who asks, as the page says it and the connection shows it. */
export interface Asker {
  searcher: string;
  reason: string;
  address: string;
}

type IndexRow = HubSearchIndexTable;
const isSearchTable = (table: string): table is SearchTable => (SEARCH_TABLES as readonly string[]).includes(table);

/** A number or an ID number (the request already checked: an ID number comes with who and why). */
export async function searchCounty(
  hub: SearchSource,
  input: { q: string; searcher: string; reason: string },
  address: string,
): Promise<CountySearchResponse> {
  const answer = looksLikeIdNumber(input.q) ? await byIdNumber(hub, idNumberOf(input.q)) : await byNumber(hub, input.q);
  // What the log keeps of the query is what the answer says was searched: an ID number masked.
  await record(
    hub,
    answer.searchedBy,
    { ...input, address },
    answer.interpretedAs,
    answer.hits.length,
    describe(answer.hits),
  );
  return answer;
}

async function byNumber(hub: SearchSource, typed: string): Promise<CountySearchResponse> {
  const prefix = searchNumberKey(typed);
  const exact = exactNumberKeys(typed);
  const exactRows = await hub.db
    .selectFrom('hub_search_index')
    .selectAll()
    .where('key_kind', '=', 'number')
    .where('search_key', 'in', exact)
    .limit(MAX_HITS + 1)
    .execute();
  const prefixRows = await hub.db
    .selectFrom('hub_search_index')
    .selectAll()
    .where('key_kind', '=', 'number')
    .where('search_key', '>=', prefix)
    .where('search_key', '<', prefix + KEY_RANGE_END)
    .orderBy('search_key')
    .limit(MAX_HITS + 1)
    .execute();
  const exactKeys = new Set(exact);
  const seen = new Set<string>();
  const rows: { row: IndexRow; exact: boolean }[] = [];
  for (const row of [...exactRows, ...prefixRows]) {
    const id = `${row.node_id}/${row.table_name}/${row.row_id}`;
    if (seen.has(id) || !isSearchTable(row.table_name)) continue;
    seen.add(id);
    rows.push({ row, exact: exactKeys.has(row.search_key ?? '') });
  }
  const hits = await hitsOf(
    hub,
    rows.map(({ row, exact }) => ({ row, match: 'number' as const, exact })),
  );
  hits.sort(
    (a, b) =>
      Number(b.exact) - Number(a.exact) ||
      (a.number ?? '').localeCompare(b.number ?? '') ||
      a.townshipName.localeCompare(b.townshipName, 'zh-CN'),
  );
  return {
    searchedBy: 'number',
    interpretedAs: `编号 ${typed}`,
    hits: hits.slice(0, MAX_HITS),
    truncated: hits.length > MAX_HITS || prefixRows.length > MAX_HITS,
  };
}

async function byIdNumber(hub: SearchSource, idNumber: string): Promise<CountySearchResponse> {
  const hash = idNumberHasher(await searchKey(hub.dataDir))(idNumber);
  const people = await hub.db
    .selectFrom('hub_search_index')
    .selectAll()
    .where('key_kind', '=', 'person')
    .where('search_key', '=', hash)
    .limit(MAX_PER_PERSON)
    .execute();
  const found: { row: IndexRow; match: SearchMatch }[] = [];
  const wanted: { nodeId: string; table: string; id: string }[] = [];
  for (const row of people) {
    if (row.table_name === 'residents') found.push({ row, match: 'idNumber' });
    else wanted.push({ nodeId: row.node_id, table: row.record_table, id: row.record_id });
  }
  // The registered resident's own records: those naming the resident's row (a case, a matter,
  // and a party or petitioner picked from the register, whatever ID number they were typed with).
  for (const { row: resident } of [...found]) {
    const linked = await hub.db
      .selectFrom('hub_search_index')
      .selectAll()
      .where('node_id', '=', resident.node_id)
      .where('person_id', '=', resident.row_id)
      .limit(MAX_PER_PERSON)
      .execute();
    for (const row of linked) {
      if (row.record_table === row.table_name) found.push({ row, match: 'person' });
      else wanted.push({ nodeId: row.node_id, table: row.record_table, id: row.record_id });
    }
  }
  for (const row of await indexRows(hub, wanted)) found.push({ row, match: 'person' });

  const seen = new Set<string>();
  const unique = found.filter(({ row }) => {
    const id = `${row.node_id}/${row.table_name}/${row.row_id}`;
    if (seen.has(id) || !isSearchTable(row.table_name)) return false;
    seen.add(id);
    return true;
  });
  const hits = await hitsOf(
    hub,
    unique.map((f) => ({ ...f, exact: f.match === 'idNumber' })),
  );
  hits.sort(
    (a, b) =>
      Number(b.match === 'idNumber') - Number(a.match === 'idNumber') ||
      (b.on ?? '').localeCompare(a.on ?? '') ||
      a.townshipName.localeCompare(b.townshipName, 'zh-CN') ||
      (a.number ?? '').localeCompare(b.number ?? ''),
  );
  return {
    searchedBy: 'idNumber',
    interpretedAs: `身份证号码 ${maskIdNumber(idNumber)}`,
    hits: hits.slice(0, MAX_HITS),
    truncated: hits.length > MAX_HITS,
  };
}

/** The index rows of records named by (township, table, id). */
async function indexRows(
  hub: SearchSource,
  refs: { nodeId: string; table: string; id: string }[],
): Promise<IndexRow[]> {
  const groups = new Map<string, { nodeId: string; table: string; ids: Set<string> }>();
  for (const ref of refs) {
    const key = `${ref.nodeId}\u0000${ref.table}`;
    const group = groups.get(key) ?? { nodeId: ref.nodeId, table: ref.table, ids: new Set<string>() };
    group.ids.add(ref.id);
    groups.set(key, group);
  }
  const rows: IndexRow[] = [];
  for (const { nodeId, table, ids } of groups.values()) {
    const all = [...ids];
    for (let i = 0; i < all.length; i += CHUNK) {
      rows.push(
        ...(await hub.db
          .selectFrom('hub_search_index')
          .selectAll()
          .where('node_id', '=', nodeId)
          .where('table_name', '=', table)
          .where('row_id', 'in', all.slice(i, i + CHUNK))
          .execute()),
      );
    }
  }
  return rows;
}

/** Index rows as the page lists them: with their township's and village's names. */
async function hitsOf(
  hub: SearchSource,
  found: { row: IndexRow; match: SearchMatch; exact: boolean }[],
): Promise<CountySearchHit[]> {
  if (found.length === 0) return [];
  const townships = await townshipNames(hub, new Set(found.map(({ row }) => row.node_id)));
  const villages = await villageNames(
    hub,
    found.flatMap(({ row }) => (row.village_id ? [{ nodeId: row.node_id, id: row.village_id }] : [])),
  );
  return found.map(({ row, match, exact }) => ({
    nodeId: row.node_id,
    townshipName: townships.get(row.node_id) ?? row.node_id,
    table: row.table_name as SearchTable,
    rowId: row.row_id,
    number: row.number,
    name: row.name,
    status: row.status,
    summary: row.summary,
    villageName: row.village_id ? (villages.get(`${row.node_id}/${row.village_id}`) ?? null) : null,
    on: row.on_date,
    match,
    exact,
  }));
}

async function townshipNames(hub: SearchSource, ids: Set<string>): Promise<Map<string, string>> {
  const rows = await hub.db
    .selectFrom('hub_nodes')
    .select(['id', 'township_name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.township_name]));
}

/** Village names by `nodeId/villageId`, as the townships last sent them. */
async function villageNames(hub: SearchSource, refs: { nodeId: string; id: string }[]): Promise<Map<string, string>> {
  const rows = await indexRows(
    hub,
    refs.map((ref) => ({ nodeId: ref.nodeId, table: 'villages', id: ref.id })),
  );
  return new Map(rows.map((r) => [`${r.node_id}/${r.row_id}`, r.name]));
}

/** One record, read-only, as its township last sent it; the opening is recorded. */
export async function openCountyRecord(
  hub: SearchSource,
  input: { nodeId: string; table: SearchTable; rowId: string; searcher: string; reason: string },
  address: string,
): Promise<CountySearchRecord> {
  const indexed = await hub.db
    .selectFrom('hub_search_index')
    .selectAll()
    .where('node_id', '=', input.nodeId)
    .where('table_name', '=', input.table)
    .where('row_id', '=', input.rowId)
    .executeTakeFirst();
  if (!indexed) throw new CountyHttpError(404, '县级平台上没有这条记录（乡镇可能尚未同步，或已将其删除）');
  const [hit] = await hitsOf(hub, [{ row: indexed, match: 'number', exact: true }]);
  const images = await imagesAt(hub, input.nodeId, [Number(indexed.seq)]);
  const image = images.find((i) => i.table === input.table && i.row['id'] === input.rowId);
  if (!image) throw new CountyHttpError(404, '这条记录的内容不在县级平台保存的同步记录中');
  const sections: CountyRecordSection[] = [];
  if (input.table === 'disputes') sections.push(await related(hub, indexed, 'dispute_parties', '当事人'));
  if (input.table === 'petitions') sections.push(await related(hub, indexed, 'petitioners', '信访人'));
  const changedAt = await hub.db
    .selectFrom('hub_entries')
    .select('at')
    .where('node_id', '=', input.nodeId)
    .where('seq', '=', Number(indexed.seq))
    .executeTakeFirst();
  const what = `${hit!.townshipName} ${SEARCH_TABLE_LABELS[input.table]} ${indexed.number ?? indexed.name}`;
  await record(
    hub,
    'open',
    { ...input, address },
    `${SEARCH_TABLE_LABELS[input.table]} ${indexed.number ?? indexed.name}`,
    1,
    what,
  );
  return {
    hit: hit!,
    row: shown(input.table, image.row),
    sections,
    changedAt: changedAt?.at ?? '',
  };
}

/** A dispute's parties, a petition's petitioners, as their latest images hold them. */
async function related(
  hub: SearchSource,
  record: IndexRow,
  table: SearchRelatedTable,
  title: string,
): Promise<CountyRecordSection> {
  const rows = await hub.db
    .selectFrom('hub_search_index')
    .select(['row_id', 'seq'])
    .where('node_id', '=', record.node_id)
    .where('record_id', '=', record.row_id)
    // Spelled as the partial index is, so both databases use it.
    .whereRef('table_name', '<>', 'record_table')
    .where('table_name', '=', table)
    .execute();
  const ids = new Set(rows.map((r) => r.row_id));
  const images = await imagesAt(
    hub,
    record.node_id,
    rows.map((r) => Number(r.seq)),
  );
  const latest = new Map<string, Record<string, unknown>>();
  for (const image of images) {
    const id = image.row['id'];
    if (image.table === table && typeof id === 'string' && ids.has(id)) latest.set(id, image.row);
  }
  const ordered = [...latest.values()].sort((a, b) => Number(a['position'] ?? 0) - Number(b['position'] ?? 0));
  return { title, table, rows: ordered.map((row) => shown(table, row)) };
}

/** The row images of the entries `seqs` of a township (each entry read once). */
async function imagesAt(hub: SearchSource, nodeId: string, seqs: number[]): Promise<RowImage[]> {
  const unique = [...new Set(seqs)].sort((a, b) => a - b);
  const images: RowImage[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const entries = await hub.db
      .selectFrom('hub_entries')
      .select(['seq', 'row_images'])
      .where('node_id', '=', nodeId)
      .where('seq', 'in', unique.slice(i, i + CHUNK))
      .orderBy('seq')
      .execute();
    for (const entry of entries) images.push(...parseImages(entry.row_images));
  }
  // Later entries last: a row in two of them is taken from the later one.
  return images;
}

function parseImages(json: string | null): RowImage[] {
  if (!json) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((image) => {
      const checked = rowImage.safeParse(image);
      return checked.success && !checked.data.deleted ? [checked.data] : [];
    });
  } catch {
    return [];
  }
}

/** The fields the page shows of a row, and only those: ID numbers and phones masked. */
function shown(table: SearchTable | SearchRelatedTable, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of RECORD_FIELDS[table]) {
    const value = row[field.column];
    if (typeof value === 'string' && /id_?number/.test(field.column)) out[field.column] = maskIdNumber(value);
    else if (typeof value === 'string' && /phone/.test(field.column)) out[field.column] = maskPhone(value);
    else out[field.column] = value ?? null;
  }
  return out;
}

/** The newest records of searches and openings. */
export async function searchAudit(hub: SearchSource, limit = 200): Promise<SearchAuditRow[]> {
  const rows = await hub.db.selectFrom('hub_search_audit').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    action: row.action as SearchAuditAction,
    searcher: row.searcher,
    reason: row.reason,
    query: row.query,
    address: row.address,
    found: Number(row.found),
    detail: row.detail,
  }));
}

async function record(
  hub: SearchSource,
  action: SearchAuditAction,
  asker: Asker,
  query: string,
  found: number,
  detail: string,
): Promise<void> {
  const at = hub.now();
  await hub.db
    .insertInto('hub_search_audit')
    .values({
      id: uuidv7(at.getTime()),
      at: at.toISOString(),
      action,
      searcher: asker.searcher,
      reason: asker.reason,
      query,
      address: asker.address,
      found,
      detail,
    })
    .execute();
}

/** The hits in a line of the log: township, kind and number (or name) of each, the first ten. */
function describe(hits: CountySearchHit[]): string {
  const named = hits
    .slice(0, 10)
    .map((h) => `${h.townshipName} ${SEARCH_TABLE_LABELS[h.table]} ${h.number ?? h.name}`)
    .join('；');
  return hits.length > 10 ? `${named} 等 ${hits.length} 条` : named;
}

/** The connection's own address (a forwarded-for header would be the sender's to choose), IPv4 without its IPv6 mapping. */
export function clientAddress(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
}
