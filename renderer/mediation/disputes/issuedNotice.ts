import type { IssuedDocument } from '../../../shared/documents/api';

/**
 * The paper a step just issued, carried from a page that navigates away (登记纠纷) to the
 * dispute's page, which offers it for printing once.
 */
export interface IssuedNotice {
  disputeId: string;
  /** 已登记纠纷, 受理 … */
  title: string;
  document: IssuedDocument | null;
}

export const ISSUED_KEY = 'mediation.issuedNotice';
