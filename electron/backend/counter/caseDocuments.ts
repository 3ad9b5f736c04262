// The papers a case issues, drawn from the case as it stands at that step.
import type { CatalogItem } from '../../../shared/catalog/catalog';
import type { CaseMaterial, Outcome, ReceiptPaper } from '../../../shared/counter/casesApi';
import { maskIdNumber } from '../../../shared/residents/masking';
import { SETTING_TOWNSHIP_NAME, readSetting } from '../auth/nodeSettings';
import type { Db } from '../db/database';
import type { DocumentDefinition } from '../documents/registry';
import type { ResidentLine } from './caseRows';
import {
  counterAcceptanceReceipt,
  counterAcceptanceSlip,
  counterMissingMaterialsNotice,
  counterNonAcceptanceNotice,
  counterResultNotice,
} from './documents';
import type { HallInfo, MaterialLine } from './documents/records';

export const SETTING_QUERY_PHONE = 'counter.queryPhone';

export async function hallInfo(db: Db): Promise<HallInfo> {
  const [townshipName, queryPhone] = await Promise.all([
    readSetting(db, SETTING_TOWNSHIP_NAME),
    readSetting(db, SETTING_QUERY_PHONE),
  ]);
  const township = townshipName ?? '';
  return { townshipName: township, hallName: `${township}便民服务中心`, queryPhone: queryPhone ?? '' };
}

function line({ name, form, copies, note }: CaseMaterial): MaterialLine {
  return note ? { name, form, copies, note } : { name, form, copies };
}

interface PaperBasics {
  hall: HallInfo;
  resident: ResidentLine;
  item: CatalogItem;
  window: string;
  clerkName: string;
}

function basics({ resident, item }: PaperBasics) {
  return {
    residentName: resident.name,
    idNumberMasked: maskIdNumber(resident.idNumber),
    itemCode: item.code,
    itemName: item.name,
    department: item.department,
  };
}

type Paper = { definition: DocumentDefinition<never>; record: unknown };

const paper = <R>(definition: DocumentDefinition<R>, record: R): Paper => ({
  definition: definition as DocumentDefinition<never>,
  record,
});

export function receiptPaper(
  base: PaperBasics,
  receipt: {
    paper: ReceiptPaper;
    caseNumber: string;
    materials: CaseMaterial[];
    acceptedOn: string;
    promisedDate: string | null;
    promisedDateProvisional: boolean;
    completedOnTheSpot: boolean;
  },
): Paper {
  const record = {
    hall: base.hall,
    ...basics(base),
    caseNumber: receipt.caseNumber,
    handlingType: base.item.handlingType,
    materials: receipt.materials.filter((m) => m.received).map(line),
    acceptedOn: receipt.acceptedOn,
    promisedDate: receipt.promisedDate,
    promisedDateProvisional: receipt.promisedDateProvisional,
    promisedWorkingDays: base.item.promisedWorkingDays,
    forwardedTo: base.item.forwardedTo,
    completedOnTheSpot: receipt.completedOnTheSpot,
    window: base.window,
    clerkName: base.clerkName,
  };
  return receipt.paper === 'receipt80' ? paper(counterAcceptanceSlip, record) : paper(counterAcceptanceReceipt, record);
}

export function missingMaterialsPaper(base: PaperBasics, materials: CaseMaterial[], noticeOn: string): Paper {
  return paper(counterMissingMaterialsNotice, {
    hall: base.hall,
    ...basics(base),
    received: materials.filter((m) => m.received).map(line),
    missing: materials.filter((m) => m.required && !m.received).map(line),
    legalBasis: base.item.legalBasis,
    noticeOn,
    window: base.window,
    clerkName: base.clerkName,
  });
}

export function nonAcceptancePaper(base: PaperBasics, reason: string, redirectTo: string, noticeOn: string): Paper {
  return paper(counterNonAcceptanceNotice, {
    hall: base.hall,
    ...basics(base),
    reason,
    redirectTo,
    noticeOn,
    window: base.window,
    clerkName: base.clerkName,
  });
}

export function resultPaper(
  base: PaperBasics,
  result: {
    caseNumber: string;
    result: Outcome;
    note: string;
    acceptedOn: string;
    completedOn: string;
    promisedDate: string | null;
  },
): Paper {
  return paper(counterResultNotice, { hall: base.hall, ...basics(base), ...result, clerkName: base.clerkName });
}
