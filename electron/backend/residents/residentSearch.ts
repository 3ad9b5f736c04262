import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { ResidentSummary } from '../../../shared/residents/api';
import { MAX_NAME_TOKEN_CHARS, reverseString, type SearchTerm } from '../../../shared/residents/search';
import type { Db } from '../db/database';
import type { Database } from '../db/schema';
import { toResidentSummary } from './residentRows';

export const COUNT_CAP = 1000;

/** Above every character an ID number or phone holds (digits, X, letters), for prefix ranges. */
const RANGE_END = '~';

/**
 * Finds residents matching every term. Each term becomes a set of ids read off an index
 * (search tokens, or a range on a reversed number); the most selective one drives the
 * query, so the work grows with the answer, not with the number of residents.
 */
export async function searchResidents(
  db: Db,
  terms: readonly SearchTerm[],
  limit: number,
  /** The residents the searcher may read (a village agent: the agent's village), on alias `r`. */
  readable?: Expression<SqlBool>,
): Promise<{ items: ResidentSummary[]; total: number; totalIsLowerBound: boolean }> {
  const query = searchQuery(terms, readable);
  if (!query) return { items: [], total: 0, totalIsLowerBound: false };
  const rows = await query.page(limit).execute(db);
  let total = rows.rows.length;
  let totalIsLowerBound = false;
  if (total === limit) {
    const counted = await query.count().execute(db);
    total = Math.min(counted.rows[0]?.n ?? total, COUNT_CAP);
    totalIsLowerBound = (counted.rows[0]?.n ?? 0) > COUNT_CAP;
  }
  return { items: rows.rows.map(toResidentSummary), total, totalIsLowerBound };
}

/** The SQL of a search (a page of rows, and the capped count), apart so tests can EXPLAIN it. */
export function searchQuery(terms: readonly SearchTerm[], readable?: Expression<SqlBool>) {
  const ordered = [...terms].sort((a, b) => selectivity(b) - selectivity(a));
  const [driver, ...rest] = ordered;
  if (!driver) return null;
  const filters: (RawBuilder<unknown> | Expression<SqlBool>)[] = rest.map(rowMatches);
  if (readable) filters.push(readable);
  for (const term of terms) {
    if (term.kind === 'name' && [...term.text].length > MAX_NAME_TOKEN_CHARS) {
      filters.push(sql`instr(lower(r.name), ${term.text}) > 0`);
    }
  }
  const where = sql.join([sql`r.voided_at IS NULL`, ...filters], sql` AND `);
  // CROSS JOIN fixes the join order in SQLite: the matching ids drive, whatever the table
  // statistics say (with none, the planner would rather walk the whole residents table).
  const from = sql`(${idsMatching(driver)}) AS d CROSS JOIN residents r ON r.id = d.id`;
  return {
    page: (limit: number) => sql<Database['residents'] & { village_name: string; group_name: string | null }>`
      SELECT r.*, v.name AS village_name, g.name AS group_name
      FROM ${from}
      JOIN villages v ON v.id = r.village_id
      LEFT JOIN village_groups g ON g.id = r.group_id
      WHERE ${where}
      LIMIT ${limit}`,
    count: () => sql<{ n: number }>`
      SELECT count(*) AS n FROM (SELECT 1 FROM ${from} WHERE ${where} LIMIT ${COUNT_CAP + 1})`,
  };
}

function idsMatching(term: SearchTerm): RawBuilder<unknown> {
  switch (term.kind) {
    case 'name':
    case 'letters':
      return sql`SELECT resident_id AS id FROM resident_search_tokens WHERE token = ${searchToken(term)}`;
    case 'fullIdNumber':
      return sql`SELECT id FROM residents WHERE id_number = ${term.text}`;
    case 'digits': {
      // `phone_reversed <> ''` lets SQLite use the partial phone index: from a bound range
      // alone it cannot prove the row has a phone, and would scan every resident.
      const reversed = reverseString(term.text);
      const end = reversed + RANGE_END;
      return sql`SELECT id FROM residents WHERE id_number_reversed >= ${reversed} AND id_number_reversed < ${end}
        UNION SELECT id FROM residents WHERE phone_reversed >= ${reversed} AND phone_reversed < ${end}
          AND phone_reversed <> ''`;
    }
  }
}

/**
 * The other terms are checked against each candidate row (an index probe per row) rather
 * than by building their whole list of ids first: 王 alone matches some 14,000 residents.
 */
function rowMatches(term: SearchTerm): RawBuilder<unknown> {
  switch (term.kind) {
    case 'name':
    case 'letters':
      return sql`EXISTS (SELECT 1 FROM resident_search_tokens t WHERE t.token = ${searchToken(term)} AND t.resident_id = r.id)`;
    case 'fullIdNumber':
      return sql`r.id_number = ${term.text}`;
    case 'digits': {
      const reversed = reverseString(term.text);
      const end = reversed + RANGE_END;
      return sql`((r.id_number_reversed >= ${reversed} AND r.id_number_reversed < ${end})
        OR (r.phone_reversed >= ${reversed} AND r.phone_reversed < ${end}))`;
    }
  }
}

/** The token a name or letters term looks up (see `residentSearchTokens`). */
function searchToken(term: SearchTerm & { kind: 'name' | 'letters' }): string {
  return term.kind === 'name' ? `n:${[...term.text].slice(0, MAX_NAME_TOKEN_CHARS).join('')}` : `p:${term.text}`;
}

/** A rough guess of how few rows a term matches: the fewest drives the query. */
function selectivity(term: SearchTerm): number {
  switch (term.kind) {
    case 'fullIdNumber':
      return 100;
    case 'digits':
      return 40 + term.text.length;
    case 'name':
      return 10 + 10 * Math.min([...term.text].length, MAX_NAME_TOKEN_CHARS);
    case 'letters':
      return 5 + 5 * term.text.length;
  }
}
