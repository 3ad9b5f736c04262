import type { IssuedDocument } from '../../shared/documents/api';

/**
 * The paper a step just issued, carried from a page that navigates away (登记信访) to the
 * petition's page, which offers it for printing.
 */
export interface IssuedPetitionNotice {
  petitionId: string;
  /** 已登记信访件, 受理 … */
  title: string;
  document: IssuedDocument | null;
}

export const ISSUED_PETITION_KEY = 'petitions.issuedNotice';
