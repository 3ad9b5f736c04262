// The matters desk's printed papers, registered by name when this module is imported.
import type { DocumentDefinition } from '../../documents/registry';
import { matterStatisticsReport } from './statisticsReport';

export { matterStatisticsReport };

export const MATTER_DOCUMENTS: ReadonlyArray<DocumentDefinition<never>> = [
  matterStatisticsReport,
] as DocumentDefinition<never>[];
