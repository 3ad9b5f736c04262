// The county's search across townships (跨乡镇查询): a counter case, dispute, petition or
// residents' matter by its number, a resident by ID number — each with its township, read-only.
// The page and the hub both read this: the request schemas (the hub refuses with the field
// named), how a number is made comparable, the answers, and which fields a record shows under
// which Chinese label (the hub sends only those, ID numbers and phones masked).
import { z } from 'zod';
import { HANDLING_TYPE_LABELS } from '../catalog/catalog';
import { CASE_STATUS_LABELS } from '../counter/caseStatus';
import { OUTCOME_LABELS, RATING_LEVEL_LABELS } from '../counter/casesApi';
import {
  MATTER_CATEGORY_LABELS,
  MATTER_HANDLING_LABELS,
  MATTER_SOURCE_LABELS,
  MATTER_STATUS_LABELS,
  MATTER_TRIAGE_LABELS,
  MATTER_TYPE_LABELS,
  REPLY_METHOD_LABELS,
} from '../matters/matters';
import {
  COURT_DECISION_LABELS,
  DISPUTE_CATEGORY_LABELS,
  DISPUTE_SOURCE_LABELS,
  DISPUTE_STATUS_LABELS,
  OUTCOME_KIND_LABELS,
  PARTY_KIND_LABELS,
  PARTY_SIDE_LABELS,
} from '../mediation/disputes';
import {
  PETITION_CATEGORY_LABELS,
  PETITION_CHANNEL_LABELS,
  PETITION_SOURCE_LABELS,
  PETITION_STATUS_LABELS,
  SATISFACTION_LABELS,
} from '../petitions/petitions';
import { SEX_LABELS } from '../residents/api';
import { checkResidentIdNumber, normalizeIdNumber } from '../residents/idNumber';
import { ID_TYPE_LABELS } from '../residents/idTypes';
import { normalizeSearchText } from '../search/query';
import { optionalText, requiredText } from '../validation/fields';

export const COUNTY_SEARCH_PATHS = {
  search: 'search',
  record: 'search/record',
  audit: 'search/audit',
} as const;

/** The township tables whose records the search shows. */
export const SEARCH_TABLES = ['counter_cases', 'disputes', 'petitions', 'matters', 'residents'] as const;
export type SearchTable = (typeof SEARCH_TABLES)[number];

export const SEARCH_TABLE_LABELS: Record<SearchTable, string> = {
  counter_cases: '办件',
  disputes: '纠纷',
  petitions: '信访件',
  matters: '群众诉求',
  residents: '居民',
};

export const SEARCH_NUMBER_LABELS: Record<SearchTable, string> = {
  counter_cases: '受理编号',
  disputes: '调解案号',
  petitions: '信访编号',
  matters: '诉求编号',
  residents: '证件号码',
};

const RESIDENT_STATUS_LABELS: Record<string, string> = { active: '在册', voided: '已作废' };

const STATUS_LABELS: Record<SearchTable, Record<string, string>> = {
  counter_cases: CASE_STATUS_LABELS,
  disputes: DISPUTE_STATUS_LABELS,
  petitions: PETITION_STATUS_LABELS,
  matters: MATTER_STATUS_LABELS,
  residents: RESIDENT_STATUS_LABELS,
};

/** A record's status in the words of its desk (the kinds' own labels). */
export function searchStatusLabel(table: SearchTable, status: string | null): string {
  if (status === null) return '—';
  return STATUS_LABELS[table][status] ?? status;
}

// ---------------------------------------------------------------------------------------------
// Reading the query
// ---------------------------------------------------------------------------------------------

/** The largest code point: `key + MAX_CHAR` bounds every key that starts with `key`. */
export const KEY_RANGE_END = '\u{10FFFF}';

/**
 * A number made comparable, for the index and the query alike: full-width forms as ASCII and
 * every dash a hyphen (as the township's search box reads them), no spaces, lower case, and
 * every kind of bracket a round one (`青信〔2026〕3号` and `青信[2026]3号` are one number).
 */
export function searchNumberKey(text: string): string {
  return normalizeSearchText(text)
    .replace(/ /g, '')
    .toLowerCase()
    .replace(/[[〔【〖「]/g, '(')
    .replace(/[\]〕】〗」]/g, ')');
}

/**
 * The keys a typed number names exactly: the number's own key, and its written form when typed
 * short (`SL-2026-306` is `SL-2026-000306`, `(2026)青调12` is `（2026）青调字第12号`,
 * `青信[2026]3` is `青信〔2026〕3号`). Any key starting with what was typed is found as well.
 */
export function exactNumberKeys(typed: string): string[] {
  const key = searchNumberKey(typed);
  const keys = new Set([key]);
  const serial = /^(sl|sq)-?(\d{4})-?(\d{1,6})$/.exec(key);
  if (serial) keys.add(`${serial[1]}-${serial[2]}-${serial[3]!.padStart(6, '0')}`);
  const dispute = /^\((\d{4})\)([^\d()]+?)字?第?(\d{1,6})号?$/.exec(key);
  if (dispute && dispute[2] !== '第') keys.add(`(${dispute[1]})${dispute[2]}字第${Number(dispute[3])}号`);
  const petition = /^([^\d()]+)\((\d{4})\)第?(\d{1,6})号?$/.exec(key);
  if (petition) keys.add(`${petition[1]}(${petition[2]})${Number(petition[3])}号`);
  return [...keys];
}

/** Whether the query is an 18-character resident ID number (then it is searched as one, never as text). */
export function looksLikeIdNumber(q: string): boolean {
  return /^\d{17}[\dX]$/.test(normalizeIdNumber(q.normalize('NFKC')));
}

/** The ID number as typed, made comparable: full-width digits and a lower-case x allowed. */
export function idNumberOf(q: string): string {
  return normalizeIdNumber(q.normalize('NFKC'));
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

/** Who searched and why: the county token is one for all, so the person says it (查询人、查询事由). */
const searcher = optionalText('查询人', 40);
const reason = optionalText('查询事由', 200);

/**
 * `POST search`: a number or an ID number. A POST, not a GET with `?q=`: an ID number in an
 * address ends up in proxies' and servers' logs.
 */
export const countySearchRequest = z
  .strictObject({ q: requiredText('查询内容', 100), searcher, reason })
  .superRefine((input, ctx) => {
    if (!looksLikeIdNumber(input.q)) return;
    // Birth dates are bounded by today at the township; here only the number's own check matters.
    const check = checkResidentIdNumber(idNumberOf(input.q), '9999-12-31');
    if (!check.ok) ctx.addIssue({ code: 'custom', path: ['q'], message: `身份证号码${check.message}` });
    if (!input.searcher) {
      ctx.addIssue({ code: 'custom', path: ['searcher'], message: '按身份证号码查询须填写查询人（记入查询记录）' });
    }
    if (!input.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: '按身份证号码查询须填写查询事由（记入查询记录）' });
    }
  });
export type CountySearchRequest = z.input<typeof countySearchRequest>;

/** `POST search/record`: one record as it now stands, read-only (the opening is recorded). */
export const countyRecordRequest = z.strictObject({
  nodeId: z.string().min(1).max(64).describe('乡镇'),
  table: z.enum(SEARCH_TABLES).describe('记录类别'),
  rowId: z.string().min(1).max(64).describe('记录'),
  searcher,
  reason,
});
export type CountyRecordRequest = z.input<typeof countyRecordRequest>;

/** `GET search/audit?limit=…`: the newest records of searches and openings. */
export const searchAuditQuery = z.strictObject({
  limit: z.coerce
    .number()
    .int({ message: '应为整数' })
    .min(1, { message: '至少 1 条' })
    .max(1000, { message: '最多 1000 条' })
    .optional()
    .describe('条数'),
});

// ---------------------------------------------------------------------------------------------
// Answers
// ---------------------------------------------------------------------------------------------

/** How a hit was found: by its number; a resident by ID number; a record of that person (as party, petitioner or applicant). */
export type SearchMatch = 'number' | 'idNumber' | 'person';

export interface CountySearchHit {
  nodeId: string;
  townshipName: string;
  table: SearchTable;
  rowId: string;
  number: string | null;
  /** Whom it is about (the resident, the parties, the petitioners). */
  name: string;
  status: string | null;
  /** What it is about (the item, the facts, the matter); for a resident the masked ID number. */
  summary: string;
  villageName: string | null;
  /** The day it came in. */
  on: string | null;
  match: SearchMatch;
  /** The number typed names exactly this record (not only its beginning). */
  exact: boolean;
}

export interface CountySearchResponse {
  searchedBy: 'number' | 'idNumber';
  /** What was searched, in words (an ID number masked). */
  interpretedAs: string;
  hits: CountySearchHit[];
  /** More were found than listed: type more of the number. */
  truncated: boolean;
}

export interface CountyRecordSection {
  title: string;
  table: SearchRelatedTable;
  rows: Record<string, unknown>[];
}

export interface CountySearchRecord {
  hit: CountySearchHit;
  /** The fields RECORD_FIELDS lists for its table, ID numbers and phones masked. */
  row: Record<string, unknown>;
  /** A dispute's parties, a petition's petitioners. */
  sections: CountyRecordSection[];
  /** When the township's entry that left the row was written. */
  changedAt: string;
}

export type SearchAuditAction = 'idNumber' | 'number' | 'open';
export const SEARCH_AUDIT_ACTION_LABELS: Record<SearchAuditAction, string> = {
  idNumber: '按身份证号码查询',
  number: '按编号查询',
  open: '查看记录',
};

export interface SearchAuditRow {
  id: string;
  at: string;
  action: SearchAuditAction;
  searcher: string;
  reason: string;
  query: string;
  address: string;
  found: number;
  detail: string;
}

// ---------------------------------------------------------------------------------------------
// What a record shows
// ---------------------------------------------------------------------------------------------

export type FieldFormat = 'text' | 'multiline' | 'yuan' | 'yesNo' | 'village';

export interface RecordField {
  column: string;
  label: string;
  /** Codes and their words (a status, a category). */
  values?: Readonly<Record<string, string>>;
  format?: FieldFormat;
}

export type SearchRelatedTable = 'dispute_parties' | 'petitioners';

const village: RecordField = { column: 'village_id', label: '村（社区）', format: 'village' };

/** The fields of each kind of record, in the order the page shows them. */
export const RECORD_FIELDS: Record<SearchTable | SearchRelatedTable, readonly RecordField[]> = {
  counter_cases: [
    { column: 'case_number', label: '受理编号' },
    { column: 'status', label: '状态', values: CASE_STATUS_LABELS },
    { column: 'resident_name', label: '申请人' },
    village,
    { column: 'item_name', label: '办理事项' },
    { column: 'handling_type', label: '办件类型', values: HANDLING_TYPE_LABELS },
    { column: 'window', label: '受理窗口' },
    { column: 'clerk_name', label: '受理人' },
    { column: 'intake_on', label: '收件日期' },
    { column: 'accepted_on', label: '受理日期' },
    { column: 'promised_date', label: '承诺办结日期' },
    { column: 'completed_on', label: '办结日期' },
    { column: 'outcome', label: '办理结果', values: OUTCOME_LABELS },
    { column: 'delivered_on', label: '送达日期' },
    { column: 'rating', label: '评价', values: RATING_LEVEL_LABELS },
    { column: 'note', label: '备注', format: 'multiline' },
    { column: 'voided_at', label: '作废时间' },
  ],
  disputes: [
    { column: 'case_number', label: '调解案号' },
    { column: 'status', label: '状态', values: DISPUTE_STATUS_LABELS },
    { column: 'party_names', label: '当事人' },
    { column: 'category', label: '纠纷类别', values: DISPUTE_CATEGORY_LABELS },
    { column: 'source', label: '纠纷来源', values: DISPUTE_SOURCE_LABELS },
    { column: 'facts', label: '纠纷简要情况', format: 'multiline' },
    village,
    { column: 'place_detail', label: '发生地点' },
    { column: 'amount_fen', label: '涉及金额', format: 'yuan' },
    { column: 'people_involved', label: '涉及人数' },
    { column: 'registered_on', label: '登记日期' },
    { column: 'registered_by_name', label: '登记人' },
    { column: 'accepted_on', label: '受理日期' },
    { column: 'refused_on', label: '不予受理日期' },
    { column: 'refusal_reason', label: '不予受理理由', format: 'multiline' },
    { column: 'outcome_kind', label: '调解结果', values: OUTCOME_KIND_LABELS },
    { column: 'outcome_on', label: '调解结果日期' },
    { column: 'court_decision', label: '司法确认', values: COURT_DECISION_LABELS },
    { column: 'closed_on', label: '结案日期' },
    { column: 'closing_summary', label: '结案小结', format: 'multiline' },
  ],
  petitions: [
    { column: 'number', label: '信访编号' },
    { column: 'status', label: '状态', values: PETITION_STATUS_LABELS },
    { column: 'channel', label: '信访形式', values: PETITION_CHANNEL_LABELS },
    { column: 'source', label: '来源', values: PETITION_SOURCE_LABELS },
    { column: 'petitioner_names', label: '信访人' },
    { column: 'people_count', label: '人数' },
    { column: 'received_on', label: '登记日期' },
    { column: 'category', label: '问题类别', values: PETITION_CATEGORY_LABELS },
    { column: 'matter', label: '信访事项', format: 'multiline' },
    { column: 'requests', label: '诉求', format: 'multiline' },
    village,
    { column: 'accepted_on', label: '受理日期' },
    { column: 'handling_unit', label: '承办单位' },
    { column: 'handling_due_on', label: '办理期限' },
    { column: 'replied_on', label: '答复日期' },
    { column: 'reply_opinion', label: '答复意见', format: 'multiline' },
    { column: 'satisfaction', label: '满意度', values: SATISFACTION_LABELS },
    { column: 'closed_on', label: '办结日期' },
  ],
  matters: [
    { column: 'number', label: '诉求编号' },
    { column: 'status', label: '状态', values: MATTER_STATUS_LABELS },
    { column: 'source', label: '收集渠道', values: MATTER_SOURCE_LABELS },
    { column: 'type', label: '诉求类型', values: MATTER_TYPE_LABELS },
    { column: 'category', label: '诉求类别', values: MATTER_CATEGORY_LABELS },
    { column: 'resident_name', label: '群众' },
    village,
    { column: 'description', label: '诉求内容', format: 'multiline' },
    { column: 'collected_on', label: '收集日期' },
    { column: 'collected_by_name', label: '收集人' },
    { column: 'triage', label: '分流', values: MATTER_TRIAGE_LABELS },
    { column: 'handling', label: '办理方式', values: MATTER_HANDLING_LABELS },
    { column: 'owner', label: '责任人（单位）' },
    { column: 'due_on', label: '办理期限' },
    { column: 'escalated_to', label: '提交至' },
    { column: 'escalation_reason', label: '提交原因', format: 'multiline' },
    { column: 'replied_on', label: '答复日期' },
    { column: 'reply_method', label: '答复方式', values: REPLY_METHOD_LABELS },
    { column: 'reply', label: '答复内容', format: 'multiline' },
    { column: 'closed_on', label: '办结日期' },
    { column: 'result', label: '办理结果', format: 'multiline' },
    { column: 'voided_on', label: '作废日期' },
    { column: 'void_reason', label: '作废原因' },
  ],
  residents: [
    { column: 'name', label: '姓名' },
    { column: 'id_type', label: '证件类型', values: ID_TYPE_LABELS },
    { column: 'id_number', label: '证件号码' },
    { column: 'sex', label: '性别', values: SEX_LABELS },
    { column: 'birth_date', label: '出生日期' },
    { column: 'ethnicity', label: '民族' },
    village,
    { column: 'address', label: '住址' },
    { column: 'phone', label: '联系电话' },
    { column: 'voided_at', label: '作废时间' },
    { column: 'void_reason', label: '作废原因' },
  ],
  dispute_parties: [
    { column: 'side', label: '当事人类别', values: PARTY_SIDE_LABELS },
    { column: 'kind', label: '类型', values: PARTY_KIND_LABELS },
    { column: 'name', label: '姓名（名称）' },
    { column: 'sex', label: '性别', values: SEX_LABELS },
    { column: 'id_number', label: '身份证号码' },
    { column: 'phone', label: '联系电话' },
    { column: 'address', label: '住所' },
  ],
  petitioners: [
    { column: 'name', label: '姓名' },
    { column: 'sex', label: '性别', values: SEX_LABELS },
    { column: 'id_number', label: '身份证号码' },
    { column: 'phone', label: '联系电话' },
    { column: 'address', label: '住址' },
    { column: 'representative', label: '代表', format: 'yesNo' },
  ],
};

/** A field's value in words ('—' when empty). `villages`: the record's village names by id. */
export function fieldText(field: RecordField, value: unknown, villages: Record<string, string> = {}): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field.format === 'yuan' && typeof value === 'number') return `${(value / 100).toFixed(2)} 元`;
  if (field.format === 'yesNo') return value === 1 || value === true ? '是' : '否';
  if (field.format === 'village' && typeof value === 'string') return villages[value] ?? '（村名未同步）';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return field.values?.[text] ?? text;
}
