// What a second-generation ID card (二代居民身份证) reader gives the forms, whatever the driver
// (the serial SAM protocol, a vendor library, the simulated reader). The backend reads the card in
// the main process or the hall host; the renderer only ever sees this.
import { z } from 'zod';

/** The card's text as printed on it, decoded from its UCS-2 block; dates `YYYY-MM-DD`. */
export const idCardText = z.object({
  name: z.string(),
  /** 男 / 女, from the card's code 1 / 2. */
  sex: z.enum(['男', '女', '未知']),
  /** The ethnicity's name (汉族 …) from the card's two-digit GB/T 3304 code. */
  ethnicity: z.string(),
  birthDate: z.string(),
  address: z.string(),
  idNumber: z.string(),
  /** 签发机关 */
  issuingAuthority: z.string(),
  validFrom: z.string(),
  /** `长期` on a card valid for life. */
  validTo: z.string(),
});
export type IdCardText = z.infer<typeof idCardText>;

/** Why a read gave no card text, each said in one sentence to the clerk. */
export const ID_CARD_FAILURES = [
  'noReader',
  'readerUnplugged',
  'noCard',
  'cardRemoved',
  'readError',
  'badResponse',
  'timeout',
  'busy',
  'notAssigned',
] as const;
export type IdCardFailure = (typeof ID_CARD_FAILURES)[number];

export const ID_CARD_FAILURE_MESSAGES: Record<IdCardFailure, string> = {
  noReader: '本机没有配置身份证读卡器，请手工填写',
  readerUnplugged: '身份证读卡器未连接或已拔出，请检查连线后重试，或手工填写',
  noCard: '读卡器上没有身份证，请把身份证平放在读卡区后再点“读卡”',
  cardRemoved: '读卡时身份证被移开，请把身份证平放不动后重新读卡',
  readError: '读卡失败（卡片无法读取），请重新放置身份证后再试，或手工填写',
  badResponse: '读卡器返回的数据无法识别，请重新读卡；多次失败请检查读卡器',
  timeout: '读卡器长时间没有响应，请检查读卡器后重试',
  busy: '读卡器正在读另一张卡，请稍候再试',
  notAssigned: '大厅主机的读卡器没有分配给本窗口，请联系系统管理员在“大厅设备”中分配',
};

/** The photo: decoded only where the vendor's decoder is present, otherwise skipped with a note. */
export const idCardPhoto = z.union([
  z.object({ kind: z.literal('image'), mimeType: z.string(), base64: z.string() }),
  z.object({ kind: z.literal('skipped'), note: z.string() }),
]);
export type IdCardPhoto = z.infer<typeof idCardPhoto>;

export const idCardRead = z.union([
  z.object({ ok: z.literal(true), card: idCardText, photo: idCardPhoto }),
  z.object({ ok: z.literal(false), failure: z.enum(ID_CARD_FAILURES), message: z.string() }),
]);
export type IdCardRead = z.infer<typeof idCardRead>;
