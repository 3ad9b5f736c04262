// The mediation committee's printed papers, registered by name when this module is imported.
import type { DocumentDefinition } from '../../documents/registry';
import { mediationAgreement } from './agreement';
import { mediationApplication } from './application';
import { mediationCaseFile } from './caseFile';
import { mediationClosingSheet } from './closingSheet';
import { mediationCourtApplication } from './courtApplication';
import { mediationFollowUpRecord } from './followUpRecord';
import { mediationInvestigationRecord } from './investigationRecord';
import { mediationOralAgreement } from './oralAgreement';
import { mediationRefusalNotice } from './refusalNotice';
import { mediationRegistrationForm } from './registrationForm';
import { mediationRightsNotice } from './rightsNotice';
import { mediationSessionRecord } from './sessionRecord';
import { mediationTerminationNotice } from './terminationNotice';

export {
  mediationAgreement,
  mediationApplication,
  mediationCaseFile,
  mediationClosingSheet,
  mediationCourtApplication,
  mediationFollowUpRecord,
  mediationInvestigationRecord,
  mediationOralAgreement,
  mediationRefusalNotice,
  mediationRegistrationForm,
  mediationRightsNotice,
  mediationSessionRecord,
  mediationTerminationNotice,
};

export const MEDIATION_DOCUMENTS: ReadonlyArray<DocumentDefinition<never>> = [
  mediationApplication,
  mediationRegistrationForm,
  mediationRightsNotice,
  mediationRefusalNotice,
  mediationInvestigationRecord,
  mediationSessionRecord,
  mediationAgreement,
  mediationOralAgreement,
  mediationTerminationNotice,
  mediationCourtApplication,
  mediationFollowUpRecord,
  mediationClosingSheet,
  mediationCaseFile,
] as DocumentDefinition<never>[];
