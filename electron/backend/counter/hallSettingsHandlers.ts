import type { HandlersFor } from '../api/handlers';
import { writeSetting } from '../auth/nodeSettings';
import { SETTING_QUERY_PHONE, hallInfo } from './caseDocuments';

export const hallSettingsHandlers: HandlersFor<'counter.hallSettings' | 'counter.saveHallSettings'> = {
  async 'counter.hallSettings'(_input, ctx) {
    const { queryPhone, hallName } = await hallInfo(ctx.db);
    return { queryPhone, hallName };
  },

  async 'counter.saveHallSettings'(input, ctx) {
    await ctx.write((scope) =>
      scope.change({ entity: 'node', id: 'hall', op: 'saveHallSettings' }, async (tx) => {
        await writeSetting(tx, SETTING_QUERY_PHONE, input.queryPhone);
        return { queryPhone: input.queryPhone };
      }),
    );
    const { queryPhone, hallName } = await hallInfo(ctx.db);
    return { queryPhone, hallName };
  },
};
