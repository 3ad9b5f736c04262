import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { dateString } from '../validation/fields';
import { catalogFile, catalogItem } from './catalog';

export const ITEM_ORIGINS = ['county', 'local'] as const;
export type ItemOrigin = (typeof ITEM_ORIGINS)[number];

export const catalogEntry = z.object({
  item: catalogItem,
  /** county: from the county's file (a new file may change or retire it); local: added here. */
  origin: z.enum(ITEM_ORIGINS),
  version: z.number(),
  updatedAt: z.string(),
  updatedByName: z.string(),
});
export type CatalogEntry = z.infer<typeof catalogEntry>;

export const catalogInfo = z.object({
  /** The county file's version last imported, or null. */
  version: z.string().nullable(),
  issuedBy: z.string().nullable(),
  importedAt: z.string().nullable(),
});

export const catalogProcedures = defineProcedures({
  'catalog.list': {
    summary: '事项目录：按名称、编码或拼音首字母查找事项（默认只列当日有效的）',
    kind: 'query',
    access: 'signedIn',
    input: z.strictObject({
      query: z.string().max(40).optional().describe('查找'),
      includeInactive: z.boolean().optional().describe('含已停用事项'),
      agentAllowedOnly: z.boolean().optional().describe('只列可代办事项'),
      on: dateString('有效日期').optional(),
    }),
    output: z.object({ entries: z.array(catalogEntry), info: catalogInfo }),
  },
  'catalog.save': {
    summary: '新增或修改一个事项（乡镇自行增加的事项标为本地）',
    kind: 'command',
    access: ['administrator'],
    input: z.strictObject({
      item: catalogItem,
      /** The version the administrator edited; absent for a new item. */
      version: z.number().int().min(1).optional().describe('版本'),
    }),
    output: catalogEntry,
  },
  'catalog.importFile': {
    summary: '导入县里下发的事项目录文件：新增、更新，文件中已没有的县级事项自导入之日起停用；本地事项不受影响',
    kind: 'command',
    access: ['administrator'],
    input: catalogFile,
    output: z.object({
      version: z.string(),
      added: z.array(z.string()),
      updated: z.array(z.string()),
      retired: z.array(z.string()),
      /** Local items whose code the county file now uses: the county's item replaces them. */
      replacedLocal: z.array(z.string()),
    }),
  },
  'catalog.exportFile': {
    summary: '导出事项目录文件（全部事项，含本地事项）',
    kind: 'query',
    access: 'signedIn',
    input: z.strictObject({}),
    output: catalogFile,
  },
});
