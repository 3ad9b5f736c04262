// The desks' own summaries (with the deadline each desk computes) as the lines of a list that
// spans the desks: the one search and a resident's history.
import type { CaseSummary } from '../counter/casesApi';
import { DISPUTE_CATEGORY_LABELS } from '../mediation/disputes';
import type { DisputeSummary } from '../mediation/disputesApi';
import type { PetitionSummary } from '../petitions/api';
import { PERIOD_SHORT_LABELS } from '../petitions/periods';
import { PETITION_CATEGORY_LABELS } from '../petitions/petitions';
import type { RecordLine } from './api';
import { isFinalStatus, statusLabelOf } from './coverage';

export function caseLine(summary: CaseSummary, intakeOn: string): RecordLine {
  return {
    kind: 'counterCase',
    id: summary.id,
    number: summary.caseNumber,
    title: summary.itemName,
    people: summary.residentName,
    status: summary.status,
    statusLabel: statusLabelOf('counterCase', summary.status),
    closed: isFinalStatus('counterCase', summary.status),
    on: intakeOn,
    deadline: summary.deadline
      ? { unit: 'workingDays', paused: summary.status === 'paused', state: summary.deadline }
      : null,
    caseId: null,
  };
}

export interface ErrandFacts {
  id: string;
  status: string;
  itemName: string;
  residentName: string;
  authorisedOn: string;
  /** The case it became at the counter, as the counter sees it now. */
  case: CaseSummary | null;
}

/** An errand: its own status; once handed over, the case's number and deadline (as 代办员 see them too). */
export function errandLine(errand: ErrandFacts): RecordLine {
  const found = errand.case;
  return {
    kind: 'errand',
    id: errand.id,
    number: found?.caseNumber ?? null,
    title: errand.itemName,
    people: errand.residentName,
    status: errand.status,
    statusLabel: found
      ? `${statusLabelOf('errand', errand.status)}（${statusLabelOf('counterCase', found.status)}）`
      : statusLabelOf('errand', errand.status),
    closed: isFinalStatus('errand', errand.status),
    on: errand.authorisedOn,
    deadline: found?.deadline
      ? { unit: 'workingDays', paused: found.status === 'paused', state: found.deadline }
      : null,
    caseId: found?.id ?? null,
  };
}

export function disputeLine(summary: DisputeSummary): RecordLine {
  const norm = summary.norm;
  return {
    kind: 'dispute',
    id: summary.id,
    number: summary.caseNumber,
    title: `${DISPUTE_CATEGORY_LABELS[summary.category]}（${summary.committeeName}）`,
    people: summary.partyNames,
    status: summary.status,
    statusLabel: statusLabelOf('dispute', summary.status),
    closed: isFinalStatus('dispute', summary.status),
    on: summary.registeredOn,
    deadline: norm
      ? {
          unit: 'days',
          label: '调解期限',
          colour: norm.colour,
          dueOn: norm.dueDate,
          daysLeft: norm.daysLeft,
          provisional: false,
        }
      : null,
    caseId: null,
  };
}

export function petitionLine(summary: PetitionSummary): RecordLine {
  const deadline = summary.deadline;
  return {
    kind: 'petition',
    id: summary.id,
    number: summary.number,
    title: PETITION_CATEGORY_LABELS[summary.category],
    people: summary.petitionerNames,
    status: summary.status,
    statusLabel: statusLabelOf('petition', summary.status),
    closed: isFinalStatus('petition', summary.status),
    on: summary.receivedOn,
    deadline: deadline
      ? {
          unit: 'days',
          label: PERIOD_SHORT_LABELS[deadline.period],
          colour: deadline.colour,
          dueOn: deadline.dueOn,
          daysLeft: deadline.daysLeft,
          provisional: deadline.provisional,
        }
      : null,
    caseId: null,
  };
}

/** Newest first (then by id, so equal days keep one order). */
export function newestFirst<T extends { on: string; id: string }>(a: T, b: T): number {
  return a.on === b.on ? (a.id < b.id ? 1 : -1) : a.on < b.on ? 1 : -1;
}
