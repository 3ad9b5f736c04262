// The petition desk's printed papers, registered by name when this module is imported (the
// backend imports it through the petition handlers, as it does the mediation papers).
import type { DocumentDefinition } from '../../documents/registry';
import { petitionAcceptanceNotice } from './acceptanceNotice';
import { petitionExtensionNotice } from './extensionNotice';
import { petitionMonthlyStatisticsReport } from './monthlyStatisticsReport';
import { petitionNotAcceptedNotice } from './notAcceptedNotice';
import { petitionReceptionRota } from './receptionRota';
import { petitionRegistrationForm } from './registrationForm';
import { petitionReply } from './reply';

export {
  petitionAcceptanceNotice,
  petitionExtensionNotice,
  petitionMonthlyStatisticsReport,
  petitionNotAcceptedNotice,
  petitionReceptionRota,
  petitionRegistrationForm,
  petitionReply,
};

/** Every petition paper, in the order a petition meets them; the rota and the monthly table last. */
export const PETITION_DOCUMENTS: ReadonlyArray<DocumentDefinition<never>> = [
  petitionRegistrationForm,
  petitionAcceptanceNotice,
  petitionNotAcceptedNotice,
  petitionExtensionNotice,
  petitionReply,
  petitionReceptionRota,
  petitionMonthlyStatisticsReport,
] as DocumentDefinition<never>[];
