// The service catalog (事项目录): what the counter handles, how, with which materials and on
// what legal basis. The county maintains it and pushes it down (hence a version per file); a
// township may add local items.
import { z } from 'zod';
import { printable } from '../validation/printable';
import { isCalendarDate } from '../calendar/dates';

export const SERVICE_CATEGORIES = [
  '民政',
  '社保',
  '医保',
  '卫健',
  '残联',
  '农业农村',
  '退役军人',
  '住建',
  '人社就业',
  '公安户籍',
  '其他',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/** 即办件: done on the spot; 承诺件: within a promised number of working days; 转报件: forwarded to a county department. */
export const HANDLING_TYPES = ['immediate', 'promised', 'forwarded'] as const;
export type HandlingType = (typeof HANDLING_TYPES)[number];
export const HANDLING_TYPE_LABELS: Record<HandlingType, string> = {
  immediate: '即办件',
  promised: '承诺件',
  forwarded: '转报件',
};

export const MATERIAL_FORMS = ['original', 'copy', 'originalAndCopy'] as const;
export type MaterialForm = (typeof MATERIAL_FORMS)[number];
export const MATERIAL_FORM_LABELS: Record<MaterialForm, string> = {
  original: '原件',
  copy: '复印件',
  originalAndCopy: '原件及复印件',
};

export const catalogMaterial = z.strictObject({
  name: printable(z.string().trim().min(1, { message: '材料名称不能为空' }).max(80)).describe('材料名称'),
  form: z.enum(MATERIAL_FORMS).describe('原件或复印件'),
  copies: z.number().int().min(1).max(20).describe('份数'),
  required: z.boolean().describe('是否必需'),
  /** e.g. “查验原件后退还”, “本人签字”. */
  note: printable(z.string().trim().max(100)).optional().describe('说明'),
});
export type CatalogMaterial = z.infer<typeof catalogMaterial>;

const optionalDate = (label: string) =>
  z
    .string()
    .refine(isCalendarDate, { message: `${label}应为有效日期（YYYY-MM-DD）` })
    .nullable()
    .describe(label);

export const catalogItem = z
  .strictObject({
    /** Stable across versions, e.g. `MZ-001`; case records refer to it. */
    code: z
      .string()
      .regex(/^[A-Z]{2,4}-\d{3,4}$/, { message: '事项编码应为 2–4 个大写字母、短横线和 3–4 位数字，如 MZ-001' })
      .describe('事项编码'),
    name: printable(z.string().trim().min(2, { message: '事项名称至少 2 个字' }).max(60)).describe('事项名称'),
    category: z.enum(SERVICE_CATEGORIES).describe('类别'),
    department: printable(z.string().trim().min(2).max(40)).describe('责任部门'),
    handlingType: z.enum(HANDLING_TYPES).describe('办件类型'),
    /** For 承诺件: the promised working days; for 转报件 the township's own part, if it promises one. */
    promisedWorkingDays: z.number().int().min(1).max(90).nullable().describe('承诺时限（工作日）'),
    /** For 转报件: the county department it goes to. */
    forwardedTo: printable(z.string().trim().max(40)).nullable().describe('转报单位'),
    materials: z.array(catalogMaterial).max(30).describe('申请材料'),
    legalBasis: printable(z.string().trim().min(2).max(300), { multiline: true }).describe('设定依据'),
    agentAllowed: z.boolean().describe('可代办'),
    activeFrom: optionalDate('启用日期'),
    activeTo: optionalDate('停用日期'),
  })
  .superRefine((item, ctx) => {
    if (item.handlingType === 'promised' && item.promisedWorkingDays === null) {
      ctx.addIssue({ code: 'custom', path: ['promisedWorkingDays'], message: '承诺件须写明承诺时限（工作日）' });
    }
    if (item.handlingType === 'immediate' && item.promisedWorkingDays !== null) {
      ctx.addIssue({ code: 'custom', path: ['promisedWorkingDays'], message: '即办件当场办结，不设承诺时限' });
    }
    if (item.handlingType === 'forwarded' && !item.forwardedTo) {
      ctx.addIssue({ code: 'custom', path: ['forwardedTo'], message: '转报件须写明转报单位' });
    }
    if (item.activeFrom && item.activeTo && item.activeTo < item.activeFrom) {
      ctx.addIssue({ code: 'custom', path: ['activeTo'], message: '停用日期早于启用日期' });
    }
    const names = new Set<string>();
    item.materials.forEach((material, i) => {
      if (names.has(material.name)) {
        ctx.addIssue({ code: 'custom', path: ['materials', i, 'name'], message: `材料“${material.name}”重复` });
      }
      names.add(material.name);
    });
  });
export type CatalogItem = z.infer<typeof catalogItem>;

export const CATALOG_FILE_FORMAT = 'township-desk/service-catalog';

/** The whole catalog as a file: the county's version travels with it. */
export const catalogFile = z
  .strictObject({
    format: z.literal(CATALOG_FILE_FORMAT, { message: `不是事项目录文件（format 应为 ${CATALOG_FILE_FORMAT}）` }),
    /** e.g. `2026.3`: the county's numbering; a township's import records it. */
    version: printable(z.string().trim().min(1).max(20)).describe('目录版本'),
    issuedBy: printable(z.string().trim().max(60)).describe('发布单位'),
    items: z.array(catalogItem).min(1, { message: '目录中没有任何事项' }).max(500),
  })
  .superRefine((file, ctx) => {
    const codes = new Set<string>();
    file.items.forEach((item, i) => {
      if (codes.has(item.code)) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'code'], message: `事项编码 ${item.code} 重复` });
      }
      codes.add(item.code);
    });
  });
export type CatalogFile = z.infer<typeof catalogFile>;
