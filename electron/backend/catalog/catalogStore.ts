// The service catalog in the database. The county's file is the source of county items; an
// administrator may add local ones. Nothing is deleted: a retired item gets an end date, so
// the cases that name it keep their meaning.
import type { Selectable } from 'kysely';
import { addDays } from '../../../shared/calendar/dates';
import { CATALOG_FILE_FORMAT, catalogItem, type CatalogFile, type CatalogItem } from '../../../shared/catalog/catalog';
import type { CatalogEntry, ItemOrigin } from '../../../shared/catalog/api';
import type { WriteScope } from '../api/context';
import { readSetting, writeSetting } from '../auth/nodeSettings';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import type { Tx } from '../db/writes';

const SETTING_VERSION = 'catalog.version';
const SETTING_ISSUED_BY = 'catalog.issuedBy';
const SETTING_IMPORTED_AT = 'catalog.importedAt';

type CatalogRow = Selectable<Database['catalog_items']>;

function toEntry(row: CatalogRow): CatalogEntry {
  return {
    item: catalogItem.parse(JSON.parse(row.item)),
    origin: row.origin,
    version: row.version,
    updatedAt: row.updated_at,
    updatedByName: row.updated_by_name,
  };
}

export async function listCatalog(db: Db): Promise<CatalogEntry[]> {
  const rows = await db.selectFrom('catalog_items').selectAll().orderBy('code').execute();
  return rows.map(toEntry);
}

export async function catalogInfo(db: Db) {
  const [version, issuedBy, importedAt] = await Promise.all([
    readSetting(db, SETTING_VERSION),
    readSetting(db, SETTING_ISSUED_BY),
    readSetting(db, SETTING_IMPORTED_AT),
  ]);
  return { version, issuedBy, importedAt };
}

export async function findCatalogRow(tx: Db | Tx, code: string): Promise<CatalogRow | undefined> {
  return tx.selectFrom('catalog_items').selectAll().where('code', '=', code).executeTakeFirst();
}

/** Inserts or replaces an item (version + 1) and logs it. */
export async function writeCatalogItem(
  scope: WriteScope,
  item: CatalogItem,
  origin: ItemOrigin,
  current: CatalogRow | undefined,
): Promise<CatalogEntry> {
  const row = {
    code: item.code,
    name: item.name,
    category: item.category,
    item: JSON.stringify(item),
    origin,
    active_from: item.activeFrom,
    active_to: item.activeTo,
    version: (current?.version ?? 0) + 1,
    updated_at: scope.at,
    updated_by_name: scope.actor.name,
  };
  await scope.change({ entity: 'catalogItem', id: item.code, op: current ? 'update' : 'create' }, async (tx) => {
    if (current) await tx.updateTable('catalog_items').set(row).where('code', '=', item.code).execute();
    else await tx.insertInto('catalog_items').values(row).execute();
    return { origin, item };
  });
  return toEntry(row);
}

export interface ImportResult {
  version: string;
  added: string[];
  updated: string[];
  retired: string[];
  replacedLocal: string[];
}

/**
 * Applies a county file: its items are added or replace the county's earlier ones; county
 * items it no longer lists end the day before `today`; local items stay as they are unless the
 * county now uses their code.
 */
export async function importCatalogFile(scope: WriteScope, file: CatalogFile, today: string): Promise<ImportResult> {
  const existing = new Map(
    (await scope.tx.selectFrom('catalog_items').selectAll().execute()).map((row) => [row.code, row] as const),
  );
  const result: ImportResult = { version: file.version, added: [], updated: [], retired: [], replacedLocal: [] };
  for (const item of file.items) {
    const current = existing.get(item.code);
    if (current && current.item === JSON.stringify(item) && current.origin === 'county') continue;
    await writeCatalogItem(scope, item, 'county', current);
    if (!current) result.added.push(item.code);
    else if (current.origin === 'local') result.replacedLocal.push(item.code);
    else result.updated.push(item.code);
  }
  const listed = new Set(file.items.map((item) => item.code));
  const yesterday = addDays(today, -1);
  for (const row of existing.values()) {
    if (row.origin !== 'county' || listed.has(row.code)) continue;
    const item = catalogItem.parse(JSON.parse(row.item));
    if (item.activeTo !== null && item.activeTo < today) continue;
    await writeCatalogItem(scope, { ...item, activeTo: yesterday }, 'county', row);
    result.retired.push(row.code);
  }
  await scope.change({ entity: 'catalog', id: 'file', op: 'import' }, async (tx) => {
    await writeSetting(tx, SETTING_VERSION, file.version);
    await writeSetting(tx, SETTING_ISSUED_BY, file.issuedBy);
    await writeSetting(tx, SETTING_IMPORTED_AT, scope.at);
    return { issuedBy: file.issuedBy, ...result };
  });
  return result;
}

export async function exportCatalogFile(db: Db): Promise<CatalogFile> {
  const info = await catalogInfo(db);
  return {
    format: CATALOG_FILE_FORMAT,
    version: info.version ?? '本地',
    issuedBy: info.issuedBy ?? '',
    items: (await listCatalog(db)).map((entry) => entry.item),
  };
}
