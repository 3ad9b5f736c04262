// People's mediation committees (人民调解委员会) and their mediators: who may mediate, under
// which seal, and with which case-number prefix (（2026）青调字第12号).
import { z } from 'zod';
import { printable } from '../validation/printable';
import { defineProcedures } from '../api/contract';
import type { Role } from '../auth/roles';
import { entityId, optionalPhone, requiredText } from '../validation/fields';

/** Who keeps the registers of committees and mediators. */
export const MEDIATION_ADMINS: readonly Role[] = ['administrator', 'committeeHead'];
export const MEDIATION_READERS: readonly Role[] = [...MEDIATION_ADMINS, 'mediator', 'leader'];

export const COMMITTEE_KINDS = ['township', 'village', 'specialised'] as const;
export type CommitteeKind = (typeof COMMITTEE_KINDS)[number];
export const COMMITTEE_KIND_LABELS: Record<CommitteeKind, string> = {
  township: '乡镇（街道）人民调解委员会',
  village: '村（居）人民调解委员会',
  specialised: '行业性、专业性人民调解委员会',
};

/** Fields of the specialised committees and the specialities of mediators (a data table). */
export const MEDIATION_SPECIALITIES = [
  '婚姻家庭',
  '邻里纠纷',
  '房屋宅基地',
  '山林土地',
  '征地拆迁',
  '劳动争议',
  '医患纠纷',
  '交通事故',
  '物业纠纷',
  '消费纠纷',
  '合同纠纷',
  '法律咨询',
] as const;

/** `青调`: the characters before 字 in （2026）青调字第12号. */
export const CASE_PREFIX_PATTERN = /^[\u4e00-\u9fff]{1,6}调$/u;

export const committeeInput = z
  .strictObject({
    id: entityId('调委会').optional(),
    version: z.number().int().min(1).optional().describe('版本'),
    name: requiredText('调委会名称', 40),
    kind: z.enum(COMMITTEE_KINDS).describe('类型'),
    /** A village committee's village (or community). */
    villageId: entityId('所在村（社区）').nullable().describe('所在村（社区）'),
    /** A specialised committee's field. */
    speciality: z.enum(MEDIATION_SPECIALITIES).nullable().describe('专业领域'),
    /** The name on the committee's seal, printed in the seal area of its papers. */
    sealName: requiredText('印章名称', 40),
    casePrefix: requiredText('案号字号', 7).refine((p) => CASE_PREFIX_PATTERN.test(p), {
      message: '应为 1–6 个汉字并以“调”结尾，如 青调、东岗调',
    }),
    phone: optionalPhone('联系电话'),
    active: z.boolean().describe('在用'),
  })
  .superRefine((c, ctx) => {
    if (c.kind === 'village' && !c.villageId) {
      ctx.addIssue({ code: 'custom', path: ['villageId'], message: '村（居）调委会须选择所在村（社区）' });
    }
    if (c.kind !== 'village' && c.villageId) {
      ctx.addIssue({ code: 'custom', path: ['villageId'], message: '只有村（居）调委会有所在村（社区）' });
    }
    if (c.kind === 'specialised' && !c.speciality) {
      ctx.addIssue({ code: 'custom', path: ['speciality'], message: '行业性、专业性调委会须选择专业领域' });
    }
  });
export type CommitteeInput = z.input<typeof committeeInput>;

export const committeeRecord = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(COMMITTEE_KINDS),
  villageId: z.string().nullable(),
  villageName: z.string().nullable(),
  speciality: z.enum(MEDIATION_SPECIALITIES).nullable(),
  sealName: z.string(),
  casePrefix: z.string(),
  phone: z.string(),
  active: z.boolean(),
  mediatorCount: z.number(),
  version: z.number(),
});
export type CommitteeRecord = z.infer<typeof committeeRecord>;

export const mediatorInput = z.strictObject({
  id: entityId('调解员').optional(),
  version: z.number().int().min(1).optional().describe('版本'),
  name: requiredText('姓名', 30),
  /**
   * Used to refuse a mediator who is a party to the dispute. Lists show it masked, so an edit
   * that leaves it out (or blank) keeps the number on file; a new one replaces it.
   */
  idNumber: printable(z.string().trim().max(18, { message: '最多 18 个字符' }))
    .optional()
    .describe('身份证号码'),
  phone: optionalPhone('联系电话'),
  committeeIds: z.array(entityId('调委会')).min(1, { message: '至少属于一个调委会' }).max(10).describe('所属调委会'),
  specialities: z.array(z.enum(MEDIATION_SPECIALITIES)).max(12).describe('擅长领域'),
  fullTime: z.boolean().describe('专职'),
  lawyer: z.boolean().describe('律师或法律工作者'),
  /** The user account the mediator signs in with, if any. */
  userId: entityId('登录账号').nullable().describe('登录账号'),
  active: z.boolean().describe('在册'),
});
export type MediatorInput = z.input<typeof mediatorInput>;

export const mediatorRecord = z.object({
  id: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  phone: z.string(),
  committees: z.array(z.object({ id: z.string(), name: z.string() })),
  specialities: z.array(z.enum(MEDIATION_SPECIALITIES)),
  fullTime: z.boolean(),
  lawyer: z.boolean(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  active: z.boolean(),
  version: z.number(),
});
export type MediatorRecord = z.infer<typeof mediatorRecord>;

export const committeesProcedures = defineProcedures({
  'mediation.committees': {
    summary: '人民调解委员会名录（乡镇、村居、行业性专业性）',
    kind: 'query',
    access: MEDIATION_READERS,
    input: z.strictObject({ includeInactive: z.boolean().optional().describe('含已撤销') }),
    output: z.object({ committees: z.array(committeeRecord) }),
  },
  'mediation.saveCommittee': {
    summary: '新建或修改调委会（名称、类型、印章名称、案号字号）',
    kind: 'command',
    access: MEDIATION_ADMINS,
    input: committeeInput,
    output: committeeRecord,
  },
  'mediation.mediators': {
    summary: '人民调解员名册；可按调委会筛选',
    kind: 'query',
    access: MEDIATION_READERS,
    input: z.strictObject({
      committeeId: entityId('调委会').optional(),
      includeInactive: z.boolean().optional().describe('含不在册'),
    }),
    output: z.object({ mediators: z.array(mediatorRecord) }),
  },
  'mediation.saveMediator': {
    summary: '新建或修改调解员（一人可在多个调委会任职）',
    kind: 'command',
    access: MEDIATION_ADMINS,
    input: mediatorInput,
    output: mediatorRecord,
  },
});
