// The sample documents, registered by name when this module is imported, with their demo data.
import type { DocumentDefinition } from '../registry';
import { sampleAgreement } from './agreement';
import { sampleReceiptSlip } from './receiptSlip';
import { sampleResidentList } from './residentList';

export { sampleAgreement, sampleReceiptSlip, sampleResidentList };

/** Each sample type with its demo record. */
export const SAMPLES: ReadonlyArray<{ definition: DocumentDefinition<never>; record: unknown }> = [
  sampleResidentList,
  sampleReceiptSlip,
  sampleAgreement,
].map((definition) => ({ definition: definition as DocumentDefinition<never>, record: definition.sample!() }));

/** Fixed issue time and code of the samples, so the files are the same on every run. */
export const SAMPLE_ISSUE = {
  issuedAt: new Date('2026-11-24T02:30:00Z'),
  verificationCode: '7K3M-9QX2-HT4C',
} as const;
