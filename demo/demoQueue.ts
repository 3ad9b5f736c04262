// The demo hall's queue (排队叫号): three categories at the kiosk and four windows, as a township
// hall commonly splits them — 1号 and 2号 for 社保医保, 3号 for 社保医保 and 民政救助, 4号 for
// 综合业务 — written through the write scope like the administrator's set-up.
import type { Db } from '../electron/backend/db/database';
import { uuidv7 } from '../electron/backend/db/uuidv7';
import { runWrite, type Actor } from '../electron/backend/db/writeScope';

export const DEMO_QUEUE_CATEGORIES = [
  ['A', '社保医保'],
  ['B', '民政救助'],
  ['C', '综合业务'],
] as const;

const DEMO_WINDOWS: readonly (readonly [string, readonly string[]])[] = [
  ['1号窗口', ['A']],
  ['2号窗口', ['A']],
  ['3号窗口', ['A', 'B']],
  ['4号窗口', ['C']],
];

export async function seedDemoQueue(
  db: Db,
  actor: Actor,
  at: string,
): Promise<{ categories: number; windows: number }> {
  await runWrite(db, actor, at, async (scope) => {
    const ids = new Map<string, string>();
    for (const [index, [prefix, name]] of DEMO_QUEUE_CATEGORIES.entries()) {
      const id = uuidv7();
      ids.set(prefix, id);
      const values = { prefix, name, sort_order: index + 1, active: 1 as const, updated_at: at };
      await scope.insert(
        'queue_categories',
        { id, ...values },
        { entity: 'queueCategory', id, op: 'create', data: { ...values, summary: `新增取号类别 ${prefix} ${name}` } },
      );
    }
    for (const [name, prefixes] of DEMO_WINDOWS) {
      const id = uuidv7();
      const values = {
        name,
        category_ids: JSON.stringify(prefixes.map((p) => ids.get(p)!)),
        active: 1 as const,
        updated_at: at,
      };
      await scope.insert(
        'queue_windows',
        { id, ...values },
        { entity: 'queueWindow', id, op: 'create', data: { ...values, summary: `新增${name}` } },
      );
    }
  });
  return { categories: DEMO_QUEUE_CATEGORIES.length, windows: DEMO_WINDOWS.length };
}
