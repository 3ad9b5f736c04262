import { isItemActive, matchesCatalogQuery } from '../../../shared/catalog/search';
import { fail, failFields } from '../api/failure';
import type { HandlersFor } from '../api/handlers';
import {
  catalogInfo,
  exportCatalogFile,
  findCatalogRow,
  importCatalogFile,
  listCatalog,
  writeCatalogItem,
} from './catalogStore';

export const catalogHandlers: HandlersFor<
  'catalog.list' | 'catalog.save' | 'catalog.importFile' | 'catalog.exportFile'
> = {
  async 'catalog.list'(input, ctx) {
    const on = input.on ?? ctx.today;
    // A township lists 40–60 items (a county file at most a few hundred): filtering them here
    // is simpler than indexing pinyin initials and as fast.
    const entries = (await listCatalog(ctx.db)).filter(
      ({ item }) =>
        (input.includeInactive || isItemActive(item, on)) &&
        (!input.agentAllowedOnly || item.agentAllowed) &&
        matchesCatalogQuery(item, input.query ?? ''),
    );
    return { entries, info: await catalogInfo(ctx.db) };
  },

  async 'catalog.save'(input, ctx) {
    return ctx.write(async (scope) => {
      const current = await findCatalogRow(scope.tx, input.item.code);
      if (input.version === undefined && current) {
        failFields({ 'item.code': `事项编码：${input.item.code} 已被“${current.name}”使用` });
      }
      if (input.version !== undefined) {
        if (!current) fail('NOT_FOUND', `没有编码为 ${input.item.code} 的事项`);
        if (current.version !== input.version) fail('STALE', '该事项刚被别人修改过，请刷新后再改');
      }
      // An item the county sent stays the county's (its next file may change it again).
      return writeCatalogItem(scope, input.item, current?.origin ?? 'local', current);
    });
  },

  async 'catalog.importFile'(input, ctx) {
    return ctx.write((scope) => importCatalogFile(scope, input, ctx.today));
  },

  async 'catalog.exportFile'(_input, ctx) {
    return exportCatalogFile(ctx.db);
  },
};
