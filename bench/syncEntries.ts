// A busy month's change log for the sync bench. Real entries first: a demo township's counter
// takes cases through intake, handling, completion, delivery and rating over the API, which
// writes the change log exactly as the product does (case snapshots, issued documents). Those
// entries are the templates; the month is made by repeating them with everything that makes
// one record differ from another made fresh — ids, hashes, ID numbers, case numbers, times —
// so that compression meets the same variety a real month has.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Db } from '../electron/backend/db/database';
import type { Database } from '../electron/backend/db/schema';
import { DEMO_PASSWORD } from '../demo/demoTownship';
import { catalogItem } from '../shared/catalog/catalog';
import { makeVerificationCode } from '../shared/documents/verificationCode';
import { Client } from './benchHall';

export interface Template {
  entity: string;
  entityId: string;
  op: string;
  data: string;
  actorId: string | null;
  actorName: string;
  rowImages: string | null;
}

/** The ids of rows that were there before the templates (residents, users, villages …): kept. */
export async function existingIds(db: Db): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const table of [
    'residents',
    'users',
    'villages',
    'village_groups',
    'mediation_committees',
    'mediators',
  ] as const)
    for (const row of await db.selectFrom(table).select('id').execute()) ids.add(row.id);
  return ids;
}

/** Runs `cases` counter cases through their whole life over the API; returns their log entries. */
export async function realCounterEntries(db: Db, url: string, cases: number, today: string): Promise<Template[]> {
  const before = await lastSeq(db);
  const clerk = new Client(url);
  await clerk.ok('auth.login', { username: 'demo-clerk', password: DEMO_PASSWORD });
  const items = (await db.selectFrom('catalog_items').select('item').execute())
    .map((r) => catalogItem.parse(JSON.parse(r.item)))
    .filter((i) => i.handlingType === 'promised' && i.activeTo === null);
  const residents = (await db.selectFrom('residents').select('id').limit(cases).execute()).map((r) => r.id);
  type Result = { case: { id: string; version: number } };
  for (let i = 0; i < cases; i++) {
    const item = items[i % items.length]!;
    let result = await clerk.ok<Result>('counter.intake', {
      requestId: randomUUID(),
      residentId: residents[i % residents.length],
      itemCode: item.code,
      receivedMaterials: item.materials.filter((m) => m.required).map((m) => m.name),
      window: `${(i % 6) + 1}号窗口`,
      decision: 'accept',
      receiptPaper: i % 3 === 0 ? 'receipt80' : 'a5',
    });
    const step = async (procedure: string, input: Record<string, unknown>) => {
      result = await clerk.ok<Result>(procedure, { caseId: result.case.id, version: result.case.version, ...input });
    };
    await step('counter.startHandling', {});
    await step('counter.complete', { result: i % 10 === 0 ? 'refused' : 'approved', note: '', completedOn: today });
    await step('counter.deliver', {
      method: i % 4 === 0 ? 'agent' : 'collected',
      signedBy: '本人',
      deliveredOn: today,
    });
    await step('counter.rate', { level: 'satisfied', channel: 'clerk', comment: '' });
  }
  return db
    .selectFrom('change_log')
    .select([
      'entity',
      'entity_id as entityId',
      'op',
      'data',
      'actor_id as actorId',
      'actor_name as actorName',
      'row_images as rowImages',
    ])
    .where('seq', '>', before)
    .orderBy('seq')
    .execute();
}

async function lastSeq(db: Db): Promise<number> {
  const row = await db
    .selectFrom('change_log')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const SHA256 = /\b[0-9a-f]{64}\b/g;
const ID_NUMBER = /\b\d{17}[\dX]\b/g;
const CASE_NUMBER = /(SL-\d{4}-)(\d{6})/g;
/** A paper's verification code (`7K3M-9QX2-HT4C`), unique per paper. */
const VERIFICATION_CODE = /\b[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}\b/g;
const TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z/g;

/**
 * `count` entries made from the templates, one round of templates after another; each round
 * gets fresh ids (the same id stays the same within a round, so a case's entries still belong
 * together) but for the rows that were there before (`kept`: the residents the cases are of),
 * and times spread over the month. The rows each entry left go along, varied the same way.
 */
export function monthOfEntries(
  templates: readonly Template[],
  count: number,
  monthStart: Date,
  kept: ReadonlySet<string> = new Set(),
  /** The first case number to hand out (after the templates' own cases, where they stay in the log). */
  firstCaseNumber = 1,
) {
  const entries: Insertable<Database['change_log']>[] = [];
  const span = 30 * 24 * 3600 * 1000;
  let caseNumber = firstCaseNumber;
  for (let round = 0; entries.length < count; round++) {
    const fresh = new Map<string, string>();
    const swap = (value: string, make: () => string) => {
      let next = fresh.get(value);
      if (!next) fresh.set(value, (next = make()));
      return next;
    };
    const vary = (text: string) =>
      text
        .replace(UUID, (id) => (kept.has(id) ? id : swap(id, randomUUID)))
        .replace(SHA256, (hash) => swap(hash, () => randomBytes(32).toString('hex')))
        .replace(ID_NUMBER, (id) =>
          swap(id, () => `${id.slice(0, 6)}${String(Math.floor(Math.random() * 1e11)).padStart(11, '0')}X`),
        )
        .replace(VERIFICATION_CODE, (code) => swap(code, () => makeVerificationCode(randomBytes(11))))
        .replace(CASE_NUMBER, (whole: string, prefix: string) =>
          swap(whole, () => `${prefix}${String(caseNumber++).padStart(6, '0')}`),
        );
    const at = new Date(monthStart.getTime() + (span * entries.length) / count);
    for (const template of templates) {
      if (entries.length >= count) break;
      const when = new Date(at.getTime() + entries.length * 1000).toISOString();
      entries.push({
        id: randomUUID(),
        entity: template.entity,
        entity_id: vary(template.entityId),
        op: template.op,
        data: vary(template.data).replace(TIMESTAMP, when),
        actor_id: template.actorId,
        actor_name: template.actorName,
        at: when,
        row_images: template.rowImages ? vary(template.rowImages).replace(TIMESTAMP, when) : null,
      });
    }
  }
  return entries;
}

/** Appends the made entries to the log, 500 rows a statement, in one transaction. */
export async function insertEntries(db: Db, rows: ReturnType<typeof monthOfEntries>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    for (let at = 0; at < rows.length; at += 500)
      await tx
        .insertInto('change_log')
        .values(rows.slice(at, at + 500))
        .execute();
  });
}
