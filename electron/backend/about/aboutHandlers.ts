import { sql } from 'kysely';
import type { HandlersFor } from '../api/handlers';
import { readAppVersions, schemaNumber } from '../db/upgrade';
import { APP_VERSION } from './appVersion';

export const aboutHandlers: HandlersFor<'about.info'> = {
  async 'about.info'(_input, ctx) {
    const { rows } = await sql<{ name: string | null }>`SELECT max(name) AS name FROM kysely_migration`.execute(ctx.db);
    const migration = rows[0]?.name ?? '';
    return {
      appVersion: APP_VERSION,
      schemaVersion: schemaNumber(migration),
      schemaMigration: migration,
      versions: await readAppVersions(ctx.db),
    };
  },
};
