// The county demo's three townships, and the small file each keeps in its folder
// (<data>/demo-townships/<n>/county-demo.json) so that a later start finds them again: whether
// its demo data is complete, the node the hub made for it, and the passphrase of its sync keys.
import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { enrollmentFile } from '../../shared/sync/protocol';
import { SUITE_GUOMI, SUITE_INTERNATIONAL, SUITE_IDS, type SuiteId } from '../../shared/sync/suiteIds';
import { DEFAULT_DEMO_SEED } from '../../demo/demoTownship';

export interface DemoTownship {
  /** The folder under <data>/demo-townships/. */
  folder: string;
  townshipName: string;
  suite: SuiteId;
  /**
   * Residents: the demo generators size the counter's cases, the disputes and the petitions by
   * them; kept small so the three are generated, entered and synced in seconds.
   */
  residents: number;
  /** Residents' matters entered through the API over the last three months. */
  matters: number;
  /** The village agent's errands of today, through the API (demoErrands.ts). */
  errands: number;
  seed: number;
}

/**
 * Three townships of one county (the demo's villages and communities are the same list in each;
 * the seeds make their people, cases and disputes differ). 南岗镇 is on the 国密 suite, so the
 * county page shows both.
 */
export const DEMO_TOWNSHIPS: readonly DemoTownship[] = [
  {
    folder: '1',
    townshipName: '青石镇',
    suite: SUITE_INTERNATIONAL,
    residents: 1500,
    matters: 45,
    errands: 8,
    seed: DEFAULT_DEMO_SEED,
  },
  {
    folder: '2',
    townshipName: '南岗镇',
    suite: SUITE_GUOMI,
    residents: 1200,
    matters: 36,
    errands: 6,
    seed: DEFAULT_DEMO_SEED + 1,
  },
  {
    folder: '3',
    townshipName: '河口镇',
    suite: SUITE_INTERNATIONAL,
    residents: 1000,
    matters: 30,
    errands: 5,
    seed: DEFAULT_DEMO_SEED + 2,
  },
];

export const DEMO_TOWNSHIPS_FOLDER = 'demo-townships';
const MANIFEST_FILE = 'county-demo.json';

const manifest = z.object({
  version: z.literal(1),
  townshipName: z.string(),
  suite: z.enum(SUITE_IDS),
  /** The sync keys' passphrase: made here, kept beside the demo township it unlocks. */
  passphrase: z.string().min(12),
  /** Set once the demo data is complete; a folder without it is made again. */
  seededAt: z.string().nullable(),
  nodeId: z.string().nullable(),
  /** The file the hub issued, until the township has imported it. */
  enrollment: enrollmentFile.nullable(),
});
export type DemoManifest = z.infer<typeof manifest>;

export function townshipFolder(dataDir: string, township: DemoTownship): string {
  return path.join(dataDir, DEMO_TOWNSHIPS_FOLDER, township.folder);
}

export function newManifest(township: DemoTownship): DemoManifest {
  return {
    version: 1,
    townshipName: township.townshipName,
    suite: township.suite,
    passphrase: randomBytes(18).toString('base64url'),
    seededAt: null,
    nodeId: null,
    enrollment: null,
  };
}

/** The folder's manifest, or null when there is none (or it cannot be read: the folder is made again). */
export async function readManifest(folder: string): Promise<DemoManifest | null> {
  let text: string;
  try {
    text = await readFile(path.join(folder, MANIFEST_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const parsed = manifest.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Written beside and renamed over: a start cut off mid-write leaves the old file or the new. */
export async function writeManifest(folder: string, value: DemoManifest): Promise<void> {
  const file = path.join(folder, MANIFEST_FILE);
  await writeFile(`${file}.new`, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  await rename(`${file}.new`, file);
}
