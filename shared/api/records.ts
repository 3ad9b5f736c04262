// Every kind of record with its access, for whoever needs them all: the backend (documents and
// attachments follow their record), the access document generated from them, the tests.
import { caseKind } from '../counter/caseKind';
import { errandHandoverAccess, errandKind } from '../counter/errandKind';
import { matterKind } from '../matters/matterKind';
import { disputeKind } from '../mediation/disputeKind';
import { petitionKind, receptionDayAccess } from '../petitions/petitionKind';
import { ticketKind } from '../queue/ticketKind';
import { residentAccess } from '../residents/residentAccess';
import type { RecordAccess } from '../workflow/kind';
import type { RecordKindName } from '../workflow/kinds';

export const recordAccess: { [N in RecordKindName]: RecordAccess<never> } = {
  resident: residentAccess,
  counterCase: caseKind,
  errand: errandKind,
  errandHandover: errandHandoverAccess,
  dispute: disputeKind,
  petition: petitionKind,
  receptionDay: receptionDayAccess,
  matter: matterKind,
  queueTicket: ticketKind,
};

/** The kinds whose records move through declared steps. */
export const recordKinds = {
  counterCase: caseKind,
  errand: errandKind,
  dispute: disputeKind,
  petition: petitionKind,
  matter: matterKind,
  queueTicket: ticketKind,
};
