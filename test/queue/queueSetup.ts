// The hall's queue as the queue tests set it up: three categories (A 社保医保, B 民政救助,
// C 综合业务) and four windows — 1号 and 2号 call A, 3号 calls A and B, 4号 calls C.
import { randomBytes } from 'node:crypto';
import { hashToken } from '../../electron/backend/auth/sessions';
import { uuidv7 } from '../../electron/backend/db/uuidv7';
import { SCREEN_COOKIE, type HallScreenKind } from '../../shared/hallScreens/screens';
import type { QueueCategory, QueueWindow } from '../../shared/queue/api';
import type { TestClient, TestHall } from '../support/testHall';

export interface QueueSetUp {
  categories: Record<'A' | 'B' | 'C', QueueCategory>;
  windows: Record<1 | 2 | 3 | 4, QueueWindow>;
}

export async function setUpQueue(admin: TestClient): Promise<QueueSetUp> {
  for (const [prefix, name, sortOrder] of [
    ['A', '社保医保', 1],
    ['B', '民政救助', 2],
    ['C', '综合业务', 3],
  ] as const) {
    await admin.ok('queue.saveCategory', { prefix, name, sortOrder, active: true });
  }
  const { categories } = await admin.ok('queue.settings', {});
  const byPrefix = Object.fromEntries(categories.map((c) => [c.prefix, c])) as QueueSetUp['categories'];
  const serves: Record<1 | 2 | 3 | 4, ('A' | 'B' | 'C')[]> = { 1: ['A'], 2: ['A'], 3: ['A', 'B'], 4: ['C'] };
  for (const [n, prefixes] of Object.entries(serves)) {
    await admin.ok('queue.saveWindow', {
      name: `${n}号窗口`,
      categoryIds: prefixes.map((p) => byPrefix[p].id),
      active: true,
    });
  }
  const { windows } = await admin.ok('queue.settings', {});
  const byNumber = Object.fromEntries(windows.map((w) => [Number.parseInt(w.name, 10), w])) as QueueSetUp['windows'];
  return { categories: byPrefix, windows: byNumber };
}

/**
 * A hall screen of `kind` as pairing leaves it (its row and its own cookie), made directly in the
 * database: the screens' pairing has its own tests; these test what a paired screen may call.
 */
export async function pairedScreen(hall: TestHall, kind: HallScreenKind, name: string): Promise<TestClient> {
  const token = randomBytes(32).toString('base64url');
  const at = hall.clock.now().toISOString();
  await hall.backend.db
    .insertInto('hall_screens')
    .values({
      id: uuidv7(),
      kind,
      name,
      window_name: null,
      status: 'paired',
      pairing_code_hash: null,
      pairing_expires_at: null,
      token_hash: hashToken(token),
      paired_at: at,
      last_seen_at: null,
      created_at: at,
      created_by_name: '王管理',
      revoked_at: null,
    })
    .execute();
  const client = hall.client();
  client.cookie = `${SCREEN_COOKIE}=${token}`;
  return client;
}
