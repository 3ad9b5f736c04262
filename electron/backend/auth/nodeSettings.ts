import type { Db } from '../db/database';
import type { Tx } from '../db/writes';

export const SETTING_TOWNSHIP_NAME = 'township.name';
export const SETTING_NODE_ID = 'node.id';

export async function readSetting(db: Db | Tx, key: string): Promise<string | null> {
  const row = await db.selectFrom('node_settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

export async function writeSetting(db: Db | Tx, key: string, value: string): Promise<void> {
  await db
    .insertInto('node_settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
