// The one search in the header of every screen, and a resident's whole history: both read every
// desk, each record only as far as the reader's declared access allows (shared/workflow/access).
import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { RESIDENT_READERS } from '../auth/roles';
import { caseSummary } from '../counter/casesApi';
import { DEADLINE_COLOURS } from '../counter/deadline';
import { residentSummary } from '../residents/api';
import { entityId } from '../validation/fields';
import { MAX_QUERY_CHARS } from './query';

/** The kinds of record a search or a history lists, in the order their groups are shown. */
export const LINE_KINDS = ['counterCase', 'errand', 'dispute', 'petition'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

/** The group names of the search (居民、受理件、代办件、纠纷、信访、文书). */
export const GROUP_LABELS = {
  resident: '居民',
  counterCase: '受理件',
  errand: '代办件',
  dispute: '纠纷',
  petition: '信访',
  document: '文书',
} as const;

/**
 * How far a record is from its deadline, as its own desk computes it: a case in working days
 * (drawn by the common DeadlineTag), a dispute's one-month norm and a petition's period in days.
 */
export const lineDeadline = z.discriminatedUnion('unit', [
  z.object({
    unit: z.literal('workingDays'),
    /** A paused case: its clock stands still. */
    paused: z.boolean(),
    state: caseSummary.shape.deadline.unwrap(),
  }),
  z.object({
    unit: z.literal('days'),
    /** `受理期限`, `办理期限`, `调解期限`. */
    label: z.string(),
    colour: z.enum(DEADLINE_COLOURS),
    dueOn: z.string(),
    /** Calendar days from today: 0 due today, negative overdue. */
    daysLeft: z.number(),
    /** The due date lies in a year whose official calendar is not loaded yet. */
    provisional: z.boolean(),
  }),
]);
export type LineDeadline = z.infer<typeof lineDeadline>;

/** One record of a desk in a list that spans the desks: what it is, where it stands, how urgent. */
export const recordLine = z.object({
  kind: z.enum(LINE_KINDS),
  id: z.string(),
  /** The human number (受理编号, 调解案号, 信访编号); null before one is drawn, and for errands. */
  number: z.string().nullable(),
  /** The matter: the service item, or the category of a dispute or petition. */
  title: z.string(),
  /** Whom it concerns: the applicant, the parties, the petitioners. */
  people: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  /** Final: nothing more will happen to it (the line is drawn quieter). */
  closed: z.boolean(),
  /** The day it came in (intake, authorisation, registration, receipt). */
  on: z.string(),
  deadline: lineDeadline.nullable(),
  /** An errand handed over: the case it became (the errand has no page of its own). */
  caseId: z.string().nullable(),
});
export type RecordLine = z.infer<typeof recordLine>;

const matched = {
  /** The query named this record exactly (its full number, its code, a full ID number). */
  exact: z.boolean(),
  /** What matched: `受理编号`, `编号尾号`, `申请人`, `当事人`, `核验码` … */
  matchedBy: z.string(),
};

export const recordHit = recordLine.extend(matched);
export type RecordHit = z.infer<typeof recordHit>;

export const residentHit = residentSummary.extend(matched);
export type ResidentHit = z.infer<typeof residentHit>;

export const documentHit = z.object({
  id: z.string(),
  title: z.string(),
  verificationCode: z.string(),
  issuedAt: z.string(),
  supersededAt: z.string().nullable(),
  recordEntity: z.string(),
  recordId: z.string(),
  /** How the record it belongs to is named (`办件SL-2026-000306（张三，…）`). */
  recordLabel: z.string(),
});
export type DocumentHit = z.infer<typeof documentHit>;

const recordGroup = z.object({
  items: z.array(recordHit),
  /** More records matched than are listed. */
  more: z.boolean(),
});

/** Where a single exact hit leads: a record, or a document whose record is none of the listed kinds. */
export const searchTarget = z.object({
  kind: z.enum(['resident', ...LINE_KINDS, 'document']),
  id: z.string(),
  /** For an errand: the case it became. */
  caseId: z.string().nullable(),
});
export type SearchTarget = z.infer<typeof searchTarget>;

export const searchAnswer = z.object({
  /** The query as read (full-width and dashes normalised). */
  normalized: z.string(),
  interpretedAs: z.string(),
  /** Each group only for a kind the user reads at all. */
  residents: z.object({ items: z.array(residentHit), total: z.number(), totalIsLowerBound: z.boolean() }).nullable(),
  cases: recordGroup.nullable(),
  errands: recordGroup.nullable(),
  disputes: recordGroup.nullable(),
  petitions: recordGroup.nullable(),
  documents: z.object({ items: z.array(documentHit) }),
  /**
   * Records of the residents found are listed only when all of them are shown; with more
   * residents than that (`王`), this says so and the records of none are listed.
   */
  residentsTooManyForRecords: z.boolean(),
  /** The one record the query named exactly, which Enter (and a scanner's Enter) opens; else null. */
  direct: searchTarget.nullable(),
});
export type SearchAnswer = z.infer<typeof searchAnswer>;

/** A kind a history leaves out, wholly or in part, and why (from its read declaration). */
export const coverageNote = z.object({ kind: z.enum(LINE_KINDS), noun: z.string(), note: z.string() });
export type CoverageNote = z.infer<typeof coverageNote>;

export const HISTORY_LIMIT_PER_KIND = 100;
export const SEARCH_GROUP_LIMIT = 8;

/** Masks the query in the audit log as lists mask numbers: a full ID number shows its ends only. */
function auditedQuery(input: { query: string }): string {
  const text = input.query.trim().slice(0, 60);
  return text.replace(/\d{17}[\dXx]/g, (n) => `${n.slice(0, 4)}**********${n.slice(-4)}`);
}

export const searchProcedures = defineProcedures({
  'search.everything': {
    summary:
      '一站查找：受理编号（全号或尾号）、回执二维码（核验码或核验链接）、调解案号、信访编号、核验码、居民姓名、拼音首字母、证件号码尾号；按居民、受理件、代办件、纠纷、信访、文书分组，只列本人有权查看的记录',
    kind: 'query',
    access: 'signedIn',
    audit: {
      what: '一站查找',
      describe: (input: { query: string }) => `一站查找“${auditedQuery(input)}”`,
      lists: [
        { kind: 'resident', fields: ['residents.items'] },
        { kind: 'counterCase', fields: ['cases.items'] },
        { kind: 'errand', fields: ['errands.items'] },
        { kind: 'dispute', fields: ['disputes.items'] },
        { kind: 'petition', fields: ['petitions.items'] },
      ],
    },
    input: z.strictObject({
      query: z
        .string()
        .max(MAX_QUERY_CHARS, { message: `最多 ${MAX_QUERY_CHARS} 个字符` })
        .describe('查询内容'),
      limit: z.number().int().min(1).max(20).optional().describe('每组条数'),
    }),
    output: searchAnswer,
  },
  'search.residentHistory': {
    summary:
      '居民的全部办事记录：受理件、代办件、作为当事人的纠纷、作为信访人（含集体访成员）的信访件，只列本人有权查看的记录',
    kind: 'query',
    access: RESIDENT_READERS,
    record: { kind: 'resident', field: 'residentId' },
    audit: {
      what: '查看居民的办事记录',
      describe: (_input: unknown, output: { residentName: string }) => `查看居民“${output.residentName}”的办事记录`,
      lists: [
        { kind: 'counterCase', fields: ['cases'] },
        { kind: 'errand', fields: ['errands'] },
        { kind: 'dispute', fields: ['disputes'] },
        { kind: 'petition', fields: ['petitions'] },
      ],
    },
    input: z.strictObject({ residentId: entityId('居民') }),
    output: z.object({
      residentName: z.string(),
      /** Each kind newest first; empty for a kind the reader does not read (see `coverage`). */
      cases: z.array(recordLine),
      errands: z.array(recordLine),
      disputes: z.array(recordLine),
      petitions: z.array(recordLine),
      /** Kinds with more than HISTORY_LIMIT_PER_KIND records: the oldest are left out. */
      truncated: z.array(z.enum(LINE_KINDS)),
      /** Kinds the reader does not see, or sees only in part. */
      coverage: z.array(coverageNote),
    }),
  },
});
