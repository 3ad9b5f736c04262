// The village agents' printed papers, registered by name when this module is imported.
import type { DocumentDefinition } from '../../../documents/registry';
import { errandAuthorisation } from './authorisation';
import { handoverList } from './handoverList';

export { errandAuthorisation, handoverList };

export const ERRAND_DOCUMENTS: ReadonlyArray<DocumentDefinition<never>> = [
  errandAuthorisation,
  handoverList,
] as DocumentDefinition<never>[];
