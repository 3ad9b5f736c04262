import type { z } from 'zod';
import { aboutProcedures } from '../about/api';
import { auditProcedures } from '../audit/api';
import { authProcedures } from '../auth/api';
import { backupProcedures } from '../backup/api';
import { calendarProcedures } from '../calendar/api';
import { catalogProcedures } from '../catalog/api';
import { casesProcedures } from '../counter/casesApi';
import { caseAttachmentsProcedures } from '../counter/caseAttachmentsApi';
import { hallSettingsProcedures } from '../counter/hallSettingsApi';
import { ledgerProcedures } from '../counter/ledgerApi';
import { hallNetworkProcedures } from '../hallNetwork/api';
import { hallScreensProcedures } from '../hallScreens/api';
import { mattersProcedures } from '../matters/api';
import { devicesProcedures } from '../devices/api';
import { documentsProcedures } from '../documents/api';
import { errandsProcedures } from '../counter/errandsApi';
import { committeesProcedures } from '../mediation/committees';
import { disputesProcedures } from '../mediation/disputesApi';
import { mediationStatisticsProcedures } from '../mediation/statisticsApi';
import { petitionsProcedures } from '../petitions/api';
import { placesProcedures } from '../places/api';
import { queueProcedures } from '../queue/api';
import { residentsProcedures } from '../residents/api';
import { searchProcedures } from '../search/api';
import { syncProcedures } from '../sync/api';
import { villageNodesProcedures } from '../sync/villageNodesApi';

/** The whole API: every transport (Electron IPC, HTTP) carries exactly these procedures. */
export const procedures = {
  ...authProcedures,
  ...placesProcedures,
  ...residentsProcedures,
  ...auditProcedures,
  ...documentsProcedures,
  ...calendarProcedures,
  ...catalogProcedures,
  ...casesProcedures,
  ...caseAttachmentsProcedures,
  ...ledgerProcedures,
  ...hallSettingsProcedures,
  ...errandsProcedures,
  ...committeesProcedures,
  ...disputesProcedures,
  ...mediationStatisticsProcedures,
  ...petitionsProcedures,
  ...mattersProcedures,
  ...syncProcedures,
  ...villageNodesProcedures,
  ...searchProcedures,
  ...backupProcedures,
  ...aboutProcedures,
  ...hallNetworkProcedures,
  ...hallScreensProcedures,
  ...devicesProcedures,
  ...queueProcedures,
};

export type Procedures = typeof procedures;
export type ProcedureName = keyof Procedures;
export type InputOf<N extends ProcedureName> = z.input<Procedures[N]['input']>;
export type ParsedInputOf<N extends ProcedureName> = z.output<Procedures[N]['input']>;
export type OutputOf<N extends ProcedureName> = z.output<Procedures[N]['output']>;

export function isProcedureName(name: string): name is ProcedureName {
  return Object.prototype.hasOwnProperty.call(procedures, name);
}
