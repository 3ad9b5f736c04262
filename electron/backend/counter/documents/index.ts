// The counter's printed documents, registered by name when this module is imported.
import type { DocumentDefinition } from '../../documents/registry';
import { counterAcceptanceReceipt } from './acceptanceReceipt';
import { counterAcceptanceSlip } from './acceptanceSlip';
import { counterMissingMaterialsNotice } from './missingMaterialsNotice';
import { counterNonAcceptanceNotice } from './nonAcceptanceNotice';
import { counterResultNotice } from './resultNotice';

export {
  counterAcceptanceReceipt,
  counterAcceptanceSlip,
  counterMissingMaterialsNotice,
  counterNonAcceptanceNotice,
  counterResultNotice,
};

export const COUNTER_DOCUMENTS: ReadonlyArray<DocumentDefinition<never>> = [
  counterAcceptanceReceipt,
  counterAcceptanceSlip,
  counterMissingMaterialsNotice,
  counterNonAcceptanceNotice,
  counterResultNotice,
] as DocumentDefinition<never>[];
