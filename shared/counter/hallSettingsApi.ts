// What the hall prints on every counter paper besides the township's name.
import { z } from 'zod';
import { defineProcedures } from '../api/contract';
import { optionalPhone } from '../validation/fields';

export const hallSettings = z.object({
  /** 咨询电话 on receipts and notices; '' prints none. */
  queryPhone: z.string(),
  /** e.g. 青石镇便民服务中心 (from the township's name). */
  hallName: z.string(),
});
export type HallSettings = z.infer<typeof hallSettings>;

export const hallSettingsProcedures = defineProcedures({
  'counter.hallSettings': {
    summary: '便民服务中心名称与印在回执、告知书上的咨询电话',
    kind: 'query',
    access: 'signedIn',
    input: z.strictObject({}),
    output: hallSettings,
  },
  'counter.saveHallSettings': {
    summary: '设定咨询电话（印在此后出具的回执和告知书上）',
    kind: 'command',
    access: ['administrator'],
    input: z.strictObject({
      queryPhone: optionalPhone('咨询电话'),
    }),
    output: hallSettings,
  },
});
