import type { HandlersFor } from '../api/handlers';
import { writeSetting } from '../auth/nodeSettings';
import { SETTING_QUERY_PHONE, hallInfo } from './caseDocuments';

export const hallSettingsHandlers: HandlersFor<'counter.hallSettings' | 'counter.saveHallSettings'> = {
  async 'counter.hallSettings'(_input, ctx) {
    const { queryPhone, hallName } = await hallInfo(ctx.db);
    return { queryPhone, hallName };
  },

  async 'counter.saveHallSettings'(input, ctx) {
    await ctx.write(async (scope) => {
      await writeSetting(scope.tx, SETTING_QUERY_PHONE, input.queryPhone);
      await scope.log('node', 'hall', 'saveHallSettings', { queryPhone: input.queryPhone });
    });
    const { queryPhone, hallName } = await hallInfo(ctx.db);
    return { queryPhone, hallName };
  },
};
