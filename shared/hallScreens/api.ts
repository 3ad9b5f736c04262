// The hall's screens (大厅设备): the administrator adds a screen and gets a one-time pairing code;
// the screen's browser pairs with it and from then on calls only the procedures of its kind. The
// rating pad shows the case presented to its window and takes the resident's own rating.
import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { COUNTER_STAFF } from '../counter/caseKind';
import { RATING_LEVELS } from '../counter/casesApi';
import { CASE_STATUSES } from '../counter/caseStatus';
import { entityId, optionalText, requiredText, MULTILINE } from '../validation/fields';
import { HALL_SCREEN_KINDS, HALL_SCREEN_STATUSES, PAD_STAGES, PAIRING_CODE_PATTERN } from './screens';

const screenId = entityId('屏幕');
const screenVersion = z.number().int().min(1).describe('版本');
const caseId = entityId('办件');

export const hallScreen = z.object({
  id: z.string(),
  version: z.number(),
  kind: z.enum(HALL_SCREEN_KINDS),
  /** 大厅入口取号机, 大厅电视, 3号窗口评价器 */
  name: z.string(),
  /** The window a rating pad faces (`3号窗口`); null for the others. */
  windowName: z.string().nullable(),
  status: z.enum(HALL_SCREEN_STATUSES),
  /** Until when the open pairing code works; null when none is open. */
  pairingExpiresAt: z.string().nullable(),
  pairedAt: z.string().nullable(),
  /** Its last call (noted at most twice a minute). */
  lastSeenAt: z.string().nullable(),
  createdAt: z.string(),
  createdByName: z.string(),
  revokedAt: z.string().nullable(),
});
export type HallScreen = z.infer<typeof hallScreen>;

/** A pairing code as the administrator gets it, once: shown, never stored but as a hash. */
export const pairingCode = z.object({
  code: z.string(),
  expiresAt: z.string(),
});
export type PairingCode = z.infer<typeof pairingCode>;

export const addScreenInput = z
  .strictObject({
    kind: z.enum(HALL_SCREEN_KINDS, { message: '请选择设备类型' }).describe('设备类型'),
    name: requiredText('设备名称', 30),
    /** Required for a rating pad: the window's name as the counter writes it. */
    windowName: optionalText('所在窗口', 20),
  })
  .superRefine((input, ctx) => {
    if (input.kind === 'ratingPad' && !input.windowName) {
      ctx.addIssue({ code: 'custom', path: ['windowName'], message: '评价器须填写它所面向的窗口，如“3号窗口”' });
    }
  });
export type AddScreenInput = z.input<typeof addScreenInput>;

const screenCommand = z.strictObject({ id: screenId, version: screenVersion });

/** What a paired screen knows of itself (its page's title, the window a pad faces). */
export const screenIdentity = z.object({
  kind: z.enum(HALL_SCREEN_KINDS),
  name: z.string(),
  windowName: z.string().nullable(),
  hallName: z.string(),
});
export type ScreenIdentity = z.infer<typeof screenIdentity>;

/** The case as the resident sees it on the pad: nothing more than they need to check it. */
export const padCase = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  itemName: z.string(),
  /** 张*丰: the resident is in front of the pad, the hall behind them. */
  applicantName: z.string(),
  status: z.enum(CASE_STATUSES),
  statusLabel: z.string(),
  acceptedOn: z.string().nullable(),
  promisedDate: z.string().nullable(),
  completedOn: z.string().nullable(),
});
export type PadCase = z.infer<typeof padCase>;

export const padState = z.object({
  hallName: z.string(),
  windowName: z.string(),
  /** What the pad shows; null: the welcome screen. */
  shown: z
    .object({
      stage: z.enum(PAD_STAGES),
      /** When it was presented: a newer presentation replaces it on the pad. */
      presentedAt: z.string(),
      case: padCase,
    })
    .nullable(),
});
export type PadState = z.infer<typeof padState>;

export const padRateInput = z.strictObject({
  /** The case the pad showed when tapped: refused if another was presented meanwhile. */
  caseId,
  level: z.enum(RATING_LEVELS, { message: '请点选一个评价等级' }).describe('评价等级'),
  comment: optionalText('评价意见', 300, MULTILINE),
});
export type PadRateInput = z.input<typeof padRateInput>;

/** A window's pad as the clerk chooses it (请群众评价). */
export const windowPad = z.object({
  windowName: z.string(),
  screenName: z.string(),
  lastSeenAt: z.string().nullable(),
});
export type WindowPad = z.infer<typeof windowPad>;

export const hallScreensProcedures = defineProcedures({
  'hallScreens.list': {
    summary: '大厅设备：取号机、叫号屏、评价器及其配对状态、最近在线时间',
    kind: 'query',
    access: ['administrator'],
    input: z.strictObject({}),
    output: z.object({ screens: z.array(hallScreen) }),
  },
  'hallScreens.add': {
    summary: '添加大厅设备，得到一次性配对码（6 位数字，10 分钟内有效）',
    kind: 'command',
    access: ['administrator'],
    input: addScreenInput,
    output: z.object({ screen: hallScreen, pairing: pairingCode }),
  },
  'hallScreens.newPairingCode': {
    summary: '重新配对：给设备新的一次性配对码（配对后原来的浏览器失效）',
    kind: 'command',
    access: ['administrator'],
    input: screenCommand,
    output: z.object({ screen: hallScreen, pairing: pairingCode }),
  },
  'hallScreens.revoke': {
    summary: '停用大厅设备：它的下一次请求即被拒绝',
    kind: 'command',
    access: ['administrator'],
    input: screenCommand,
    output: z.object({ screen: hallScreen }),
  },
  'hallScreens.pair': {
    summary: '设备配对：大厅设备的浏览器用一次性配对码换取它自己的凭据（Cookie）',
    kind: 'command',
    access: 'public',
    input: z.strictObject({
      code: z
        .string({ message: '请输入配对码' })
        .trim()
        .regex(PAIRING_CODE_PATTERN, { message: '配对码为 6 位数字' })
        .describe('配对码'),
    }),
    output: screenIdentity,
  },
  'hallScreens.whoAmI': {
    summary: '已配对的设备查询自己的类型、名称和所在窗口',
    kind: 'query',
    access: { screens: HALL_SCREEN_KINDS },
    input: z.strictObject({}),
    output: screenIdentity,
  },
  'hallScreens.padState': {
    summary: '评价器：本窗口正在请群众核对或评价的办件（无则显示欢迎页）',
    kind: 'query',
    access: { screens: ['ratingPad'] },
    input: z.strictObject({}),
    output: padState,
  },
  'hallScreens.padRate': {
    summary: '评价器：群众对本窗口请其评价的办件点选好差评（评价渠道为群众评价）',
    kind: 'command',
    access: { screens: ['ratingPad'] },
    input: padRateInput,
    output: z.object({ caseNumber: z.string(), level: z.enum(RATING_LEVELS) }),
  },
  'hallScreens.windowPads': {
    summary: '各窗口已配对的评价器，供“请群众评价”选择窗口',
    kind: 'query',
    access: COUNTER_STAFF,
    input: z.strictObject({}),
    output: z.object({ pads: z.array(windowPad) }),
  },
  'hallScreens.present': {
    summary: '请群众评价：把已送达、未评价的办件送到所选窗口的评价器上',
    kind: 'command',
    access: COUNTER_STAFF,
    record: { kind: 'counterCase', field: 'caseId' },
    input: z.strictObject({ caseId, windowName: requiredText('窗口', 20) }),
    output: windowPad,
  },
});
