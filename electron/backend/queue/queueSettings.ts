// The administrator's set-up of the queue: the categories tickets are taken for and the hall's
// windows with the categories each calls. Neither is ever deleted (tickets point at them): a
// category or window no longer used is made inactive.
import type { ParsedInputOf } from '../../../shared/api/procedures';
import type { QueueCategory, QueueSettings, QueueWindow } from '../../../shared/queue/api';
import { MAX_QUEUE_CATEGORIES, MAX_QUEUE_WINDOWS } from '../../../shared/queue/queue';
import type { RequestContext } from '../api/context';
import { fail, failFields } from '../api/failure';
import type { Db } from '../db/database';
import { uuidv7 } from '../db/uuidv7';
import type { Tx } from '../db/writes';

const STALE = '该设置刚被别人改过，请刷新后再改';

/** 3号窗口 before 10号窗口: numbers in names compared as numbers. */
export const byName = (a: { name: string }, b: { name: string }) =>
  a.name.localeCompare(b.name, 'zh-CN', { numeric: true });

export async function listCategories(db: Db | Tx): Promise<QueueCategory[]> {
  const rows = await db.selectFrom('queue_categories').selectAll().orderBy('sort_order').orderBy('prefix').execute();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    prefix: r.prefix,
    name: r.name,
    sortOrder: r.sort_order,
    active: r.active === 1,
  }));
}

export async function listWindows(db: Db | Tx, categories?: QueueCategory[]): Promise<QueueWindow[]> {
  const order = new Map((categories ?? (await listCategories(db))).map((c, i) => [c.id, i]));
  const rows = await db.selectFrom('queue_windows').selectAll().execute();
  return rows
    .map((r) => ({
      id: r.id,
      version: r.version,
      name: r.name,
      categoryIds: (JSON.parse(r.category_ids) as string[]).sort((a, b) => (order.get(a) ?? 99) - (order.get(b) ?? 99)),
      active: r.active === 1,
    }))
    .sort(byName);
}

export async function queueSettings(db: Db | Tx): Promise<QueueSettings> {
  const categories = await listCategories(db);
  return { categories, windows: await listWindows(db, categories) };
}

type CategoryInput = ParsedInputOf<'queue.saveCategory'>;
type WindowInput = ParsedInputOf<'queue.saveWindow'>;

export async function saveCategory(ctx: RequestContext, input: CategoryInput): Promise<QueueSettings> {
  await ctx.write(async (scope) => {
    const others = (await listCategories(scope.tx)).filter((c) => c.id !== input.id);
    const clash = others.find((c) => c.prefix === input.prefix);
    if (clash) failFields({ prefix: `号码字母：“${input.prefix}”已用于“${clash.name}”` });
    if (others.some((c) => c.name === input.name)) failFields({ name: `类别名称：已有名为“${input.name}”的类别` });
    const values = {
      prefix: input.prefix,
      name: input.name,
      sort_order: input.sortOrder,
      active: input.active ? (1 as const) : (0 as const),
      updated_at: scope.at,
    };
    const summary = `${input.id ? '修改' : '新增'}取号类别 ${input.prefix} ${input.name}${input.active ? '' : '（停用）'}`;
    if (!input.id) {
      if (others.length >= MAX_QUEUE_CATEGORIES) fail('CONFLICT', `取号类别最多 ${MAX_QUEUE_CATEGORIES} 个`);
      const id = uuidv7();
      await scope.insert(
        'queue_categories',
        { id, ...values },
        { entity: 'queueCategory', id, op: 'create', data: { ...values, summary } },
      );
      return;
    }
    if (input.version === undefined) failFields({ version: '版本：修改时须给出读到的版本' });
    const existing = await scope.tx
      .selectFrom('queue_categories')
      .select('prefix')
      .where('id', '=', input.id)
      .executeTakeFirst();
    if (!existing) fail('NOT_FOUND', '没有这个取号类别');
    // The letter is on the day's tickets already taken; changing it would give a second A001.
    if (existing.prefix !== input.prefix && (await ticketsTakenToday(scope.tx, input.id, ctx.today))) {
      failFields({ prefix: '号码字母：今天已有这一类别的号，明天再改字母' });
    }
    await scope.update(
      'queue_categories',
      { id: input.id, version: input.version },
      values,
      { entity: 'queueCategory', id: input.id, op: 'update', data: { ...values, summary } },
      STALE,
    );
  });
  return queueSettings(ctx.db);
}

async function ticketsTakenToday(tx: Tx, categoryId: string, today: string): Promise<boolean> {
  const row = await tx
    .selectFrom('queue_tickets')
    .select('id')
    .where('category_id', '=', categoryId)
    .where('day', '=', today)
    .executeTakeFirst();
  return row !== undefined;
}

export async function saveWindow(ctx: RequestContext, input: WindowInput): Promise<QueueSettings> {
  await ctx.write(async (scope) => {
    const categories = await listCategories(scope.tx);
    const known = new Set(categories.map((c) => c.id));
    if (input.categoryIds.some((id) => !known.has(id)))
      failFields({ categoryIds: '办理类别：有的类别不存在，请刷新后重选' });
    const others = (await listWindows(scope.tx, categories)).filter((w) => w.id !== input.id);
    if (others.some((w) => w.name === input.name)) failFields({ name: `窗口名称：已有“${input.name}”` });
    const names = categories.filter((c) => input.categoryIds.includes(c.id)).map((c) => c.name);
    const values = {
      name: input.name,
      category_ids: JSON.stringify(input.categoryIds),
      active: input.active ? (1 as const) : (0 as const),
      updated_at: scope.at,
    };
    const summary = `${input.id ? '修改' : '新增'}${input.name}（${names.join('、')}）${input.active ? '' : '（停用）'}`;
    if (!input.id) {
      if (others.length >= MAX_QUEUE_WINDOWS) fail('CONFLICT', `窗口最多 ${MAX_QUEUE_WINDOWS} 个`);
      const id = uuidv7();
      await scope.insert(
        'queue_windows',
        { id, ...values },
        { entity: 'queueWindow', id, op: 'create', data: { ...values, summary } },
      );
      return;
    }
    if (input.version === undefined) failFields({ version: '版本：修改时须给出读到的版本' });
    await scope.update(
      'queue_windows',
      { id: input.id, version: input.version },
      values,
      { entity: 'queueWindow', id: input.id, op: 'update', data: { ...values, summary } },
      STALE,
    );
  });
  return queueSettings(ctx.db);
}
