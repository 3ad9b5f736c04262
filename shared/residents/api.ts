import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { RESIDENT_EDITORS, RESIDENT_READERS } from '../auth/roles';
import {
  dateString,
  entityId,
  oneOf,
  optionalPhone,
  optionalText,
  requiredText,
  MULTILINE,
} from '../validation/fields';
import { ETHNICITIES } from './ethnicities';
import { ID_TYPES } from './idTypes';

export const SEXES = ['male', 'female'] as const;
export const SEX_LABELS: Record<(typeof SEXES)[number], string> = { male: '男', female: '女' };

export { PHONE_PATTERN } from '../validation/fields';

export const residentFields = {
  name: requiredText('姓名', 50),
  idType: oneOf('证件类型', ID_TYPES),
  idNumber: requiredText('证件号码', 30),
  /** Read off the ID number for resident IDs and permits; required otherwise. */
  sex: z.enum(SEXES).nullable().optional().describe('性别'),
  birthDate: dateString('出生日期').nullable().optional(),
  phone: optionalPhone('联系电话'),
  ethnicity: oneOf('民族', ETHNICITIES),
  villageId: entityId('村（社区）'),
  groupId: entityId('村民小组').nullable().optional(),
  address: optionalText('住址', 100),
  note: optionalText('备注', 500, MULTILINE),
};

export const residentInput = z.strictObject(residentFields);
export type ResidentInput = z.input<typeof residentInput>;

export const residentRecord = z.object({
  id: z.string(),
  name: z.string(),
  idType: z.enum(ID_TYPES),
  idNumber: z.string(),
  sex: z.enum(SEXES).nullable(),
  birthDate: z.string().nullable(),
  phone: z.string(),
  ethnicity: z.string(),
  villageId: z.string(),
  villageName: z.string(),
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
  address: z.string(),
  note: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type ResidentRecord = z.infer<typeof residentRecord>;

/** What a list shows: the ID number and the phone masked. */
export const residentSummary = z.object({
  id: z.string(),
  name: z.string(),
  idType: z.enum(ID_TYPES),
  idNumberMasked: z.string(),
  phoneMasked: z.string(),
  sex: z.enum(SEXES).nullable(),
  birthDate: z.string().nullable(),
  villageName: z.string(),
  groupName: z.string().nullable(),
});
export type ResidentSummary = z.infer<typeof residentSummary>;

export const residentsProcedures = defineProcedures({
  'residents.search': {
    summary: '查找居民：姓名片段、拼音首字母（zsf）、证件号码（全号或后几位）、电话；多个词以空格分隔须同时满足',
    kind: 'query',
    access: RESIDENT_READERS,
    input: z.strictObject({
      query: z.string().max(60).describe('查询内容'),
      limit: z.number().int().min(1).max(100).optional().describe('条数'),
    }),
    output: z.object({
      items: z.array(residentSummary),
      /** Matches counted up to 1000; `totalIsLowerBound` when there are more. */
      total: z.number(),
      totalIsLowerBound: z.boolean(),
      interpretedAs: z.string(),
    }),
  },
  'residents.get': {
    summary: '打开居民档案（完整证件号码等个人信息；每次打开记入审计日志）',
    kind: 'query',
    access: RESIDENT_READERS,
    record: { kind: 'resident', field: 'id' },
    audit: {
      what: '查看居民档案',
      describe: (_input: unknown, output: { name: string }) => `查看居民“${output.name}”的完整信息`,
    },
    input: z.strictObject({ id: entityId('居民') }),
    output: residentRecord,
  },
  'residents.register': {
    summary: '登记居民；同一证件号码不能重复登记',
    kind: 'command',
    access: RESIDENT_EDITORS,
    input: residentInput,
    output: residentRecord,
  },
  'residents.update': {
    summary: '修改居民信息；须带上打开时的版本号，防止两个窗口互相覆盖',
    kind: 'command',
    access: RESIDENT_EDITORS,
    record: { kind: 'resident', field: 'id' },
    input: z.strictObject({
      id: entityId('居民'),
      version: z.number().int().min(1).describe('版本'),
      ...residentFields,
    }),
    output: residentRecord,
  },
});
