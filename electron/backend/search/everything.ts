// The one search: each meaning of the query is looked up through an index (a number, a
// code, a resident's search tokens, the records pointing at the residents found), in every
// desk the reader reads, and the answers are merged by kind: exact hits first.
import { sql, type Expression, type SqlBool } from 'kysely';
import { caseNumberScope, formatCaseNumber } from '../../../shared/counter/caseNumbers';
import { formatMediationCaseNumber } from '../../../shared/mediation/caseNumbers';
import type { SearchTerm } from '../../../shared/residents/search';
import {
  LINE_KINDS,
  SEARCH_GROUP_LIMIT,
  type DocumentHit,
  type LineKind,
  type RecordHit,
  type RecordLine,
  type ResidentHit,
  type SearchAnswer,
  type SearchTarget,
} from '../../../shared/search/api';
import { newestFirst } from '../../../shared/search/lines';
import { parseSearchQuery } from '../../../shared/search/query';
import type { RequestContext } from '../api/context';
import { failFields } from '../api/failure';
import type { Db } from '../db/database';
import { searchResidents } from '../residents/residentSearch';
import { petitionNumberScope } from '../petitions/petitionRegistration';
import { readableCondition, readablePointers } from '../workflow/recordTables';
import { inList, LineReader, type Lines } from './lineReader';

const TERM_WORDS: Record<SearchTerm['kind'], string> = {
  name: '姓名',
  letters: '拼音首字母',
  fullIdNumber: '证件号码',
  digits: '证件号码或电话尾号',
};

/** Who a record is to the person found: the words of `matchedBy`. */
const PERSON_ROLE: Record<LineKind, string> = {
  counterCase: '申请人',
  errand: '委托人',
  dispute: '当事人',
  petition: '信访人',
};

/** The hits of one kind, merged over the meanings of a query. */
class Group {
  private readonly hits = new Map<string, RecordHit>();
  more = false;

  add(found: Lines, exact: boolean, matchedBy: string): void {
    this.more ||= found.more;
    for (const line of found.lines) {
      const known = this.hits.get(line.id);
      if (!known || (exact && !known.exact)) this.hits.set(line.id, { ...line, exact, matchedBy });
    }
  }

  has(id: string): boolean {
    return this.hits.has(id);
  }

  result(limit: number): { items: RecordHit[]; more: boolean } {
    const all = [...this.hits.values()].sort((a, b) => (a.exact === b.exact ? newestFirst(a, b) : a.exact ? -1 : 1));
    return { items: all.slice(0, limit), more: this.more || all.length > limit };
  }

  exact(): RecordHit[] {
    return [...this.hits.values()].filter((hit) => hit.exact);
  }
}

export async function searchEverything(
  input: { query: string; limit?: number },
  ctx: RequestContext,
): Promise<SearchAnswer> {
  const parsed = parseSearchQuery(input.query);
  if (!parsed.ok) failFields({ query: `查询内容：${parsed.message}` });
  const limit = input.limit ?? SEARCH_GROUP_LIMIT;
  const reader = ctx.requireUser();
  const lines = new LineReader(ctx.db, ctx.records, reader, ctx.today);
  const groups = Object.fromEntries(LINE_KINDS.map((kind) => [kind, new Group()])) as Record<LineKind, Group>;
  let residents: SearchAnswer['residents'] = null;
  let residentsTooManyForRecords = false;
  const documents: DocumentHit[] = [];

  for (const intent of parsed.intents) {
    switch (intent.kind) {
      case 'caseNumber':
        groups.counterCase.add(
          await lines.cases(sql<SqlBool>`case_number = ${intent.number}`, limit),
          true,
          '受理编号',
        );
        break;
      case 'disputeNumber': {
        // Without the committee's prefix the number may belong to several committees.
        const full = intent.prefix ? formatMediationCaseNumber(intent.year, intent.prefix, intent.sequence) : null;
        const where = full
          ? sql<SqlBool>`d.case_sequence = ${intent.sequence} AND d.case_number = ${full}`
          : sql<SqlBool>`d.case_sequence = ${intent.sequence} AND d.case_year = ${intent.year}`;
        groups.dispute.add(await lines.disputes(where, limit), full !== null, '调解案号');
        break;
      }
      case 'petitionNumber':
        groups.petition.add(
          await lines.petitions(sql<SqlBool>`p.year = ${intent.year} AND p.sequence = ${intent.sequence}`, limit),
          true,
          '信访编号',
        );
        break;
      case 'code':
        await findByCode(ctx, lines, groups, documents, intent.code, limit);
        break;
      case 'tail':
        await findByTail(ctx.db, lines, groups, intent.sequence, limit);
        break;
      case 'person': {
        const found = await findPeople(ctx, lines, groups, intent.terms, limit);
        residents = found.residents;
        residentsTooManyForRecords = found.tooMany;
        break;
      }
    }
  }

  const cases = lines.reads('counterCase') ? groups.counterCase.result(limit) : null;
  const errands = lines.reads('errand') ? groups.errand.result(limit) : null;
  const disputes = lines.reads('dispute') ? groups.dispute.result(limit) : null;
  const petitions = lines.reads('petition') ? groups.petition.result(limit) : null;
  return {
    normalized: parsed.normalized,
    interpretedAs: parsed.interpretedAs,
    residents,
    cases,
    errands,
    disputes,
    petitions,
    documents: { items: documents },
    residentsTooManyForRecords,
    direct: directTarget(residents?.items ?? [], groups, documents),
  };
}

/**
 * A verification code: the archived paper (only of a record the reader reads: documents follow
 * their record), and that record, which is what a resident holding the receipt asks about.
 */
async function findByCode(
  ctx: RequestContext,
  lines: LineReader,
  groups: Record<LineKind, Group>,
  documents: DocumentHit[],
  code: string,
  limit: number,
): Promise<void> {
  const row = await ctx.db
    .selectFrom('issued_documents')
    .select(['id', 'title', 'verification_code', 'issued_at', 'superseded_at', 'record_entity', 'record_id'])
    .where('verification_code', '=', code)
    .where(readablePointers(ctx.records, ctx.requireUser(), 'record_entity', 'record_id'))
    .executeTakeFirst();
  if (!row) return;
  const table = ctx.records[row.record_entity as keyof typeof ctx.records];
  documents.push({
    id: row.id,
    title: row.title,
    verificationCode: row.verification_code,
    issuedAt: row.issued_at,
    supersededAt: row.superseded_at,
    recordEntity: row.record_entity,
    recordId: row.record_id,
    recordLabel: (table ? await table.label(ctx.db, row.record_id) : null) ?? row.record_entity,
  });
  const id = row.record_id;
  switch (row.record_entity) {
    case 'counterCase':
      groups.counterCase.add(await lines.cases(sql<SqlBool>`id = ${id}`, limit), true, '核验码');
      break;
    case 'errand':
      groups.errand.add(await lines.errands(sql<SqlBool>`e.id = ${id}`, limit), true, '核验码');
      break;
    case 'dispute':
      groups.dispute.add(await lines.disputes(sql<SqlBool>`d.id = ${id}`, limit), true, '核验码');
      break;
    case 'petition':
      groups.petition.add(await lines.petitions(sql<SqlBool>`p.id = ${id}`, limit), true, '核验码');
      break;
  }
}

/**
 * The years numbers were drawn in for each of `scopes`, read off the number counters (a few
 * hundred rows at most: one per year and counter), newest first.
 */
async function numberYears(db: Db, scopes: ((year: number) => string)[]): Promise<number[][]> {
  const counters = (await db.selectFrom('number_counters').select('scope').execute()).map((row) => row.scope);
  return scopes.map((scopeOf) => {
    const [before, after] = scopeOf(9999).split('9999') as [string, string];
    const years = counters
      .filter((scope) => scope.startsWith(before) && scope.endsWith(after))
      .map((scope) => Number(scope.slice(before.length, scope.length - after.length)))
      .filter(Number.isInteger);
    return [...new Set(years)].sort((a, b) => b - a);
  });
}

/**
 * A number's tail (`306`, `000306`): the sequence of that number in every year numbers were
 * drawn — a probe of each unique number, never a scan of the numbers.
 */
async function findByTail(
  db: Db,
  lines: LineReader,
  groups: Record<LineKind, Group>,
  sequence: number,
  limit: number,
): Promise<void> {
  const [caseYears, petitionYears] = await numberYears(db, [caseNumberScope, petitionNumberScope]);
  if (lines.reads('counterCase')) {
    const numbers = caseYears!.map((year) => formatCaseNumber(year, sequence));
    groups.counterCase.add(await lines.cases(inList('case_number', numbers), limit), false, '受理编号尾号');
  }
  if (lines.reads('dispute')) {
    groups.dispute.add(await lines.disputes(sql<SqlBool>`d.case_sequence = ${sequence}`, limit), false, '调解案号尾号');
  }
  if (lines.reads('petition')) {
    groups.petition.add(
      await lines.petitions(sql<SqlBool>`${inList('p.year', petitionYears!)} AND p.sequence = ${sequence}`, limit),
      false,
      '信访编号尾号',
    );
  }
}

/**
 * Residents by name, initials or number tail; then, when every resident found is listed, the
 * records of those people in each desk — by the resident's id, and for parties and petitioners
 * typed without a link to the register by their ID number too — and the disputes and petitions
 * of a party or petitioner of exactly that name who is not registered at all.
 */
async function findPeople(
  ctx: RequestContext,
  lines: LineReader,
  groups: Record<LineKind, Group>,
  terms: SearchTerm[],
  limit: number,
): Promise<{ residents: SearchAnswer['residents']; tooMany: boolean }> {
  let residents: SearchAnswer['residents'] = null;
  let ids: string[] = [];
  let idNumbers: string[] = [];
  let tooMany = false;
  if (lines.reads('resident')) {
    const found = await searchResidents(
      ctx.db,
      terms,
      limit,
      readableCondition(ctx.records.resident, ctx.requireUser(), 'r'),
    );
    const exact = terms.some((term) => term.kind === 'fullIdNumber');
    const matchedBy = terms.map((term) => TERM_WORDS[term.kind]).join('、');
    const items: ResidentHit[] = found.items.map((item) => ({ ...item, exact, matchedBy }));
    residents = { items, total: found.total, totalIsLowerBound: found.totalIsLowerBound };
    tooMany = found.total > items.length;
    if (!tooMany && items.length > 0) {
      ids = items.map((item) => item.id);
      idNumbers = (await ctx.db.selectFrom('residents').select('id_number').where('id', 'in', ids).execute()).map(
        (row) => row.id_number,
      );
    }
  }
  // One term alone may name a party or petitioner who was never registered: a full name, a full ID number.
  const [only] = terms.length === 1 ? terms : [];
  const name = only?.kind === 'name' && [...only.text].length >= 2 ? only.text : null;
  if (only?.kind === 'fullIdNumber') idNumbers = [...new Set([...idNumbers, only.text])];
  if (ids.length === 0 && idNumbers.length === 0 && name === null) return { residents, tooMany };

  const people = (table: string, recordColumn: string): Expression<SqlBool> => {
    const who = [
      ...(ids.length > 0 ? [inList('resident_id', ids)] : []),
      // `<> ''` lets SQLite use the partial index on ID numbers (a typed number is never empty).
      ...(idNumbers.length > 0 ? [sql<SqlBool>`(${inList('id_number', idNumbers)} AND id_number <> '')`] : []),
      ...(name !== null ? [sql<SqlBool>`name = ${name}`] : []),
    ];
    return sql<SqlBool>`SELECT ${sql.ref(recordColumn)} FROM ${sql.table(table)} WHERE ${sql.join(who, sql` OR `)}`;
  };
  if (ids.length > 0) {
    groups.counterCase.add(await lines.cases(inList('resident_id', ids), limit), false, PERSON_ROLE.counterCase);
    groups.errand.add(await lines.errands(inList('e.resident_id', ids), limit), false, PERSON_ROLE.errand);
  }
  groups.dispute.add(
    await lines.disputes(sql<SqlBool>`d.id IN (${people('dispute_parties', 'dispute_id')})`, limit),
    false,
    PERSON_ROLE.dispute,
  );
  groups.petition.add(
    await lines.petitions(sql<SqlBool>`p.id IN (${people('petitioners', 'petition_id')})`, limit),
    false,
    PERSON_ROLE.petition,
  );
  return { residents, tooMany };
}

/** The one thing the query named exactly, if it named one: a document counts as its record. */
function directTarget(
  residents: readonly ResidentHit[],
  groups: Record<LineKind, Group>,
  documents: readonly DocumentHit[],
): SearchTarget | null {
  const targets = new Map<string, SearchTarget>();
  for (const resident of residents) {
    if (resident.exact) targets.set(`resident:${resident.id}`, { kind: 'resident', id: resident.id, caseId: null });
  }
  for (const kind of LINE_KINDS) {
    for (const hit of groups[kind].exact()) targets.set(`${kind}:${hit.id}`, targetOf(hit));
  }
  for (const document of documents) {
    const kind = document.recordEntity as LineKind;
    if (!(LINE_KINDS as readonly string[]).includes(kind) || !groups[kind].has(document.recordId)) {
      targets.set(`document:${document.id}`, { kind: 'document', id: document.id, caseId: null });
    }
  }
  return targets.size === 1 ? [...targets.values()][0]! : null;
}

function targetOf(line: RecordLine): SearchTarget {
  return { kind: line.kind, id: line.id, caseId: line.caseId };
}
