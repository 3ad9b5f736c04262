// The hall's ID-card reader on the typed API: whether this window may use it, a read (the card's
// text and the registered resident it belongs to, as far as the caller may see residents), and
// the administrator's assignment of the hall host's reader to windows on the hall LAN.
import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { RESIDENT_EDITORS, type Role } from '../auth/roles';
import { residentSummary } from '../residents/api';
import { maskIdNumber } from '../residents/masking';
import { ID_CARD_FAILURES, idCardPhoto, idCardText } from './idCard';

export const DEVICE_ADMINS: readonly Role[] = ['administrator'];

/** Who reads cards: everyone whose forms take a person (residents, intake, parties, petitioners). */
export const ID_CARD_READERS: readonly Role[] = RESIDENT_EDITORS;

/** Whether this window may read cards now, and if not, the one sentence why. */
export const idCardReaderAvailability = z.object({
  usable: z.boolean(),
  /** The reader as the administrator configured it (`模拟读卡器`); null when none is. */
  description: z.string().nullable(),
  /** `noReader`: none on the hall host; `notAssigned`: a LAN window the reader is not assigned to. */
  failure: z.enum(ID_CARD_FAILURES).nullable(),
  reason: z.string().nullable(),
});
export type IdCardReaderAvailability = z.infer<typeof idCardReaderAvailability>;

export const idCardReadAnswer = z.union([
  z.object({
    ok: z.literal(true),
    card: idCardText,
    photo: idCardPhoto,
    /** Why the card's number fails GB 11643 (a damaged chip, a forged card), in Chinese; null when it passes. */
    idNumberProblem: z.string().nullable(),
    /** The resident registered under the card's number, when the caller may read that resident. */
    resident: residentSummary.nullable(),
  }),
  z.object({ ok: z.literal(false), failure: z.enum(ID_CARD_FAILURES), message: z.string() }),
]);
export type IdCardReadAnswer = z.infer<typeof idCardReadAnswer>;

const IPV4 = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}';
/** IPv6 loosely (hex groups and colons, an embedded IPv4 at the end): the address a socket reported. */
const IPV6 = '[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}(:' + IPV4 + ')?';

/** A window on the hall LAN, by the address 大厅网络 lists it from. */
export const lanWindowAddress = z
  .string({ message: '窗口地址：请填写该电脑在大厅局域网中的 IP 地址' })
  .trim()
  .regex(new RegExp(`^(${IPV4}|${IPV6})$`), {
    message: '窗口地址：应为 IP 地址，如 192.168.1.23（见“已连接的窗口”的“来自”一栏）',
  })
  .describe('窗口地址');

export const idCardReaderAssignment = z.object({
  address: z.string(),
  assignedAt: z.string(),
  assignedBy: z.string(),
});
export type IdCardReaderAssignment = z.infer<typeof idCardReaderAssignment>;

export const idCardReaderAssignments = z.object({
  /** The hall host's reader (`模拟读卡器`, `串口读卡器（COM3）`); null when none is configured. */
  reader: z.string().nullable(),
  assignments: z.array(idCardReaderAssignment),
});
export type IdCardReaderAssignments = z.infer<typeof idCardReaderAssignments>;

type ReadOutput = IdCardReadAnswer;

function describeRead(_input: unknown, output: ReadOutput): string {
  if (!output.ok) return `读取身份证未成功：${output.message}`;
  const who = `${output.card.name}（${maskIdNumber(output.card.idNumber)}）`;
  return `读取身份证：${who}${output.resident ? '，已登记为居民' : '，未找到登记的居民'}`;
}

export const devicesProcedures = defineProcedures({
  'devices.idCardReader': {
    summary: '身份证读卡器：本窗口能否读卡、读卡器名称；不能时说明原因（大厅主机未配置读卡器，或未分配给本窗口）',
    kind: 'query',
    access: 'signedIn',
    input: z.strictObject({}),
    output: idCardReaderAvailability,
  },
  'devices.readIdCard': {
    summary:
      '读卡：读取放在读卡器上的身份证（姓名、性别、民族、出生日期、住址、号码、有效期），并找出已登记的同号码居民（限本人可查看的居民）；每次读卡记入审计日志',
    // A read of the device and of the register; nothing is written but its audit event.
    kind: 'query',
    access: ID_CARD_READERS,
    audit: {
      what: '读取身份证',
      list: { kind: 'resident', fields: ['resident'] },
      describe: describeRead,
    },
    input: z.strictObject({}),
    output: idCardReadAnswer,
  },
  'devices.idCardReaderAssignments': {
    summary: '身份证读卡器的分配：大厅主机的读卡器，以及可以使用它的大厅网络窗口（按窗口电脑的 IP 地址）',
    kind: 'query',
    access: DEVICE_ADMINS,
    input: z.strictObject({}),
    output: idCardReaderAssignments,
  },
  'devices.assignIdCardReader': {
    summary: '把大厅主机的身份证读卡器分配给大厅网络中的一个窗口，或收回（本机的窗口总能使用）；记入变更记录',
    kind: 'command',
    access: DEVICE_ADMINS,
    input: z.strictObject({
      address: lanWindowAddress,
      assigned: z.boolean({ message: '是否分配：请选择分配或收回' }).describe('是否分配'),
    }),
    output: idCardReaderAssignments,
  },
});
