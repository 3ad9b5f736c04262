import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { entityId, requiredText } from '../validation/fields';

export const VILLAGE_KINDS = ['village', 'community'] as const;
export const VILLAGE_KIND_LABELS: Record<(typeof VILLAGE_KINDS)[number], string> = { village: '村', community: '社区' };

export const villageRecord = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(VILLAGE_KINDS),
  groups: z.array(z.object({ id: z.string(), name: z.string() })),
  version: z.number(),
});
export type VillageRecord = z.infer<typeof villageRecord>;

export const placesProcedures = defineProcedures({
  'places.listVillages': {
    summary: '本乡镇的村（社区）及其村民小组（网格）',
    kind: 'query',
    access: 'signedIn',
    input: z.strictObject({}),
    output: z.object({ items: z.array(villageRecord) }),
  },
  'places.saveVillage': {
    summary: '新建或修改村（社区）及其小组；小组只增改名，不删除',
    kind: 'command',
    access: ['administrator'],
    input: z.strictObject({
      id: entityId('村（社区）').optional(),
      version: z.number().int().min(1).optional().describe('版本'),
      name: requiredText('村（社区）名称', 30),
      kind: z.enum(VILLAGE_KINDS).describe('类型'),
      groups: z
        .array(z.strictObject({ id: entityId('小组').optional(), name: requiredText('小组名称', 30) }))
        .max(100)
        .describe('村民小组'),
    }),
    output: villageRecord,
  },
});
