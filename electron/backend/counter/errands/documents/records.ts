// What the errand papers are drawn from (stored as issued; ID numbers arrive masked).
import type { HallInfo, ItemLines, MaterialLine, ResidentLines } from '../../documents/records';

/** 委托代办授权书: the resident authorises a village agent to run one errand. */
export interface ErrandAuthorisationRecord extends ResidentLines, ItemLines {
  hall: HallInfo;
  /** The agent's village (or community). */
  villageName: string;
  agentName: string;
  /** What the resident hands the agent: the item's whole list, required ones marked. */
  materials: (MaterialLine & { required: boolean })[];
  authorisedOn: string;
  /** 委托书编号 (`WT-2026-000123`); absent on forms issued before the forms were numbered. */
  authorisationNumber?: string;
}

/** 材料交接单: one batch of errands handed over at the counter, signed by both sides. */
export interface HandoverListRecord {
  hall: HallInfo;
  agentName: string;
  villageName: string;
  handedOverOn: string;
  window: string;
  clerkName: string;
  errands: {
    caseNumber: string;
    residentName: string;
    idNumberMasked: string;
    itemName: string;
    /** Received materials. */
    materials: MaterialLine[];
    promisedDate: string | null;
  }[];
}
