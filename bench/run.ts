// `npm run bench`: builds, then measures what a township hall feels — how fast the hall host
// starts, how fast resident search answers on a township of 200,000 residents, and how fast
// documents print (a receipt slip, a 50-page list, against Chromium's print-to-PDF), and how the
// counter answers on 1,000,000 cases (accept to receipt, worklist, monthly summary, Excel
// export), and how the mediation register answers on 50,000 disputes (search, agreement, case
// file, monthly statistics), and how the petition desk answers on 100,000 petitions (earlier
// petitions of a petitioner, monthly statistics, the list), and how upward sync fares (a month
// of entries through a 256 kbit/s link, the hub's apply rate with 50 townships at once), and how
// the one search in the header answers on all of it at once (200,000 residents, 1,000,000 cases
// with their receipts, 50,000 disputes, 100,000 petitions), and what the sync's cipher suite costs
// (sealing and opening a 1 MiB batch with the international and the 国密 suite), and how long a
// township takes to rebuild from the county (20,000 entries over 2 Mbit/s), and how a hall of 10
// and of 15 windows accepting cases at once fares against the built hall host (1,000,000 cases,
// papers drawn on the event loop and in the render workers) — and writes the figures to
// bench/results/latest.json.
//
//   node --import tsx bench/run.ts [--only hall|search|documents|counter|mediation|petitions|sync|suites|onesearch|rebuild|windows|village|county] [--residents N]
//                                [--queries-per-kind N] [--naive-queries-per-kind N] [--hall-runs N]
//                                [--cases N] [--intakes N] [--worklists N]
//                                [--disputes N] [--mediation-residents N] [--dispute-searches N]
//                                [--petitions N] [--petition-residents N] [--petition-searches N]
//                                [--sync-entries N] [--sync-kbit N] [--sync-nodes N] [--sync-entries-per-node N]
//                                [--rebuild-entries N] [--rebuild-kbit N] [--village-errands N] [--village-matters N] [--village-kbit N]
//                                [--one-search-queries-per-kind N] [--encrypted] [--suite-runs N]
//                                [--windows 10,15] [--window-seconds N] [--window-cases N]
//                                [--window-render both|workers|in-thread] [--window-data DIR] [--cold-start-runs N]
//
// `--window-data DIR` keeps the windows' data set (about 1,000,000 cases: long to make) in DIR
// and uses it as it is on later runs; `--window-cases 20000` makes a small one for a quick try.
//
// A run with other than the default options writes bench/results/custom.json instead, so a
// quick try never overwrites the figures of a full run.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DEMO_SEED } from '../demo/demoTownship';
import { benchCounter } from './counter';
import { benchDocuments } from './documents';
import { benchHallStartup } from './hallStartup';
import { benchPackagedStartup } from './packagedStartup';
import { benchMediation } from './mediation';
import { benchOneSearch } from './oneSearch';
import { benchPetitions } from './petitions';
import { benchResidentSearch } from './residentSearch';
import { benchSync } from './sync';
import { benchRebuild } from './rebuild';
import { benchSyncSuites } from './syncSuites';
import { benchWindows } from './windows';
import { benchVillageLink } from './villageLink';
import { benchCounty } from './county';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const DEFAULTS = {
  residents: 200_000,
  queriesPerKind: 50,
  naiveQueriesPerKind: 20,
  hallRuns: 5,
  cases: 1_000_000,
  intakes: 200,
  worklists: 200,
  disputes: 50_000,
  mediationResidents: 50_000,
  disputeSearches: 200,
  petitions: 100_000,
  petitionResidents: 50_000,
  petitionSearches: 200,
  syncEntries: 20_000,
  syncKbit: 256,
  syncNodes: 50,
  syncEntriesPerNode: 2_000,
  rebuildEntries: 20_000,
  rebuildKbit: 2_000,
  /** A month of a village's errands through its slow link to the township. */
  villageErrands: 80,
  villageMatters: 40,
  villageKbit: 64,
  oneSearchQueriesPerKind: 50,
  /** Seals and opens of a 1 MiB batch per cipher suite. */
  suiteRuns: 20,
  /** Windows accepting at once, each count for `windowSeconds` (the 10 of today's figure, the 15 of the goal). */
  windows: [10, 15] as number[],
  windowSeconds: 60,
  windowCases: 1_000_000,
  windowRender: 'both' as 'both' | 'workers' | 'inThread',
  /** Where the windows' data set is kept between runs; empty: a temporary folder, removed after. */
  windowData: '',
  /** Cold starts of the hall host and of the packaged main process on the windows' data set. */
  coldStartRuns: 3,
  /** The resident-search and counter benches on an encrypted database (a fresh random key). */
  encrypted: false,
  only: 'all' as
    | 'all'
    | 'hall'
    | 'search'
    | 'documents'
    | 'counter'
    | 'mediation'
    | 'petitions'
    | 'sync'
    | 'suites'
    | 'onesearch'
    | 'rebuild'
    | 'windows'
    | 'village'
    | 'county',
  /** The county's figures: townships sending at once, and the city the queries run over. */
  countyNodes: 50,
  countyEntriesPerNode: 2_000,
  countyTownships: 120,
  countyYears: 10,
  countyRuns: 5,
};
/** A fixed "now" keeps ages and birth dates, hence the whole data set, the same from run to run. */
const SEED_NOW = new Date('2026-03-15T02:00:00Z');

function parseArgs(argv: readonly string[]) {
  const options = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${arg} 后面缺少取值`);
      return next;
    };
    const count = (name: string) => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new Error(`${name} 应为正整数`);
      return n;
    };
    if (arg === '--only') {
      const only = value();
      if (
        only !== 'hall' &&
        only !== 'search' &&
        only !== 'documents' &&
        only !== 'counter' &&
        only !== 'mediation' &&
        only !== 'petitions' &&
        only !== 'sync' &&
        only !== 'suites' &&
        only !== 'onesearch' &&
        only !== 'rebuild' &&
        only !== 'windows' &&
        only !== 'village' &&
        only !== 'county'
      )
        throw new Error(
          '--only 只能是 hall、search、documents、counter、mediation、petitions、sync、suites、onesearch、rebuild、windows、village 或 county',
        );
      options.only = only;
    } else if (arg === '--residents') options.residents = count(arg);
    else if (arg === '--queries-per-kind') options.queriesPerKind = count(arg);
    else if (arg === '--naive-queries-per-kind') options.naiveQueriesPerKind = count(arg);
    else if (arg === '--hall-runs') options.hallRuns = count(arg);
    else if (arg === '--cases') options.cases = count(arg);
    else if (arg === '--intakes') options.intakes = count(arg);
    else if (arg === '--worklists') options.worklists = count(arg);
    else if (arg === '--disputes') options.disputes = count(arg);
    else if (arg === '--mediation-residents') options.mediationResidents = count(arg);
    else if (arg === '--dispute-searches') options.disputeSearches = count(arg);
    else if (arg === '--petitions') options.petitions = count(arg);
    else if (arg === '--petition-residents') options.petitionResidents = count(arg);
    else if (arg === '--petition-searches') options.petitionSearches = count(arg);
    else if (arg === '--sync-entries') options.syncEntries = count(arg);
    else if (arg === '--sync-kbit') options.syncKbit = count(arg);
    else if (arg === '--sync-nodes') options.syncNodes = count(arg);
    else if (arg === '--sync-entries-per-node') options.syncEntriesPerNode = count(arg);
    else if (arg === '--rebuild-entries') options.rebuildEntries = count(arg);
    else if (arg === '--rebuild-kbit') options.rebuildKbit = count(arg);
    else if (arg === '--village-errands') options.villageErrands = count(arg);
    else if (arg === '--village-matters') options.villageMatters = count(arg);
    else if (arg === '--village-kbit') options.villageKbit = count(arg);
    else if (arg === '--one-search-queries-per-kind') options.oneSearchQueriesPerKind = count(arg);
    else if (arg === '--encrypted') options.encrypted = true;
    else if (arg === '--suite-runs') options.suiteRuns = count(arg);
    else if (arg === '--windows') {
      const counts = value()
        .split(',')
        .map((part) => Number(part.trim()));
      if (counts.length === 0 || counts.some((n) => !Number.isInteger(n) || n < 1)) {
        throw new Error('--windows 应为以逗号分隔的正整数，如 10,15');
      }
      options.windows = counts;
    } else if (arg === '--window-seconds') options.windowSeconds = count(arg);
    else if (arg === '--window-cases') options.windowCases = count(arg);
    else if (arg === '--window-render') {
      const render = value();
      if (render !== 'both' && render !== 'workers' && render !== 'in-thread') {
        throw new Error('--window-render 只能是 both、workers 或 in-thread');
      }
      options.windowRender = render === 'in-thread' ? 'inThread' : render;
    } else if (arg === '--window-data') options.windowData = path.resolve(value());
    else if (arg === '--cold-start-runs') options.coldStartRuns = count(arg);
    else if (arg === '--county-runs') options.countyRuns = count(arg);
    else if (arg === '--county-townships') options.countyTownships = count(arg);
    else if (arg === '--county-years') options.countyYears = count(arg);
    else throw new Error(`不认识的选项“${arg}”`);
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));
const databaseKey = options.encrypted ? randomBytes(32) : null;
const isDefault = JSON.stringify(options) === JSON.stringify(DEFAULTS);
const log = (line: string) => console.error(`[bench] ${line}`);
const started = performance.now();
const cpus = os.cpus();

const report: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim(),
    memoryGB: Math.round(os.totalmem() / 1024 ** 3),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
  },
  options: { ...options, seed: DEFAULT_DEMO_SEED, seedNow: SEED_NOW.toISOString() },
};

if (options.only === 'all' || options.only === 'hall') {
  log(`大厅主机冷启动 × ${options.hallRuns}……`);
  report.hallStartup = await benchHallStartup(root, options.hallRuns);
}

if (options.only === 'all' || options.only === 'search') {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-bench-search-'));
  try {
    const search = await benchResidentSearch(dataDir, {
      residents: options.residents,
      seed: DEFAULT_DEMO_SEED,
      queriesPerKind: options.queriesPerKind,
      naiveQueriesPerKind: options.naiveQueriesPerKind,
      now: SEED_NOW,
      databaseKey,
      log,
    });
    report.dataset = search.dataset;
    report.residentSearch = search.residentSearch;
    report.residentSearchNaive = search.residentSearchNaive;
    report.goals = search.goals;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (options.only === 'all' || options.only === 'documents') {
  log('文书打印……');
  report.documents = await benchDocuments({ log });
}

if (options.only === 'all' || options.only === 'counter') {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-bench-counter-'));
  try {
    report.counter = await benchCounter(dataDir, {
      residents: options.residents,
      cases: options.cases,
      seed: DEFAULT_DEMO_SEED,
      intakes: options.intakes,
      worklists: options.worklists,
      databaseKey,
      log,
    });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (options.only === 'all' || options.only === 'mediation') {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-bench-mediation-'));
  try {
    report.mediation = await benchMediation(dataDir, {
      residents: options.mediationResidents,
      disputes: options.disputes,
      seed: DEFAULT_DEMO_SEED,
      searches: options.disputeSearches,
      log,
    });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (options.only === 'all' || options.only === 'petitions') {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-bench-petitions-'));
  try {
    report.petitions = await benchPetitions(dataDir, {
      residents: options.petitionResidents,
      petitions: options.petitions,
      seed: DEFAULT_DEMO_SEED,
      searches: options.petitionSearches,
      log,
    });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (options.only === 'all' || options.only === 'sync') {
  report.sync = await benchSync({
    entries: options.syncEntries,
    kbitPerSecond: options.syncKbit,
    nodes: options.syncNodes,
    entriesPerNode: options.syncEntriesPerNode,
    entriesPerBatch: 500,
    seed: DEFAULT_DEMO_SEED,
    log,
  });
}

if (options.only === 'all' || options.only === 'rebuild') {
  report.rebuild = await benchRebuild({
    entries: options.rebuildEntries,
    kbitPerSecond: options.rebuildKbit,
    seed: DEFAULT_DEMO_SEED,
    log,
  });
}

if (options.only === 'all' || options.only === 'village') {
  report.village = await benchVillageLink({
    errands: options.villageErrands,
    matters: options.villageMatters,
    kbitPerSecond: options.villageKbit,
    log,
  });
}

if (options.only === 'all' || options.only === 'county') {
  report.county = await benchCounty({
    nodes: options.countyNodes,
    entriesPerNode: options.countyEntriesPerNode,
    townships: options.countyTownships,
    years: options.countyYears,
    runs: options.countyRuns,
    seed: DEFAULT_DEMO_SEED,
    log,
  });
}

if (options.only === 'all' || options.only === 'suites') {
  report.syncSuites = await benchSyncSuites({ runs: options.suiteRuns, log });
}

if (options.only === 'all' || options.only === 'onesearch') {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'township-bench-onesearch-'));
  try {
    report.oneSearch = await benchOneSearch(dataDir, {
      residents: options.residents,
      cases: options.cases,
      disputes: options.disputes,
      petitions: options.petitions,
      seed: DEFAULT_DEMO_SEED,
      queriesPerKind: options.oneSearchQueriesPerKind,
      log,
    });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (options.only === 'all' || options.only === 'windows') {
  const dataDir = options.windowData || (await mkdtemp(path.join(os.tmpdir(), 'township-bench-windows-')));
  try {
    const renders = options.windowRender === 'both' ? (['inThread', 'workers'] as const) : [options.windowRender];
    const windows: Record<string, unknown> = {};
    for (const render of renders) {
      windows[render] = await benchWindows({
        root,
        residents: options.residents,
        cases: options.windowCases,
        seed: DEFAULT_DEMO_SEED,
        windows: options.windows,
        seconds: options.windowSeconds,
        render,
        dataDir,
        log,
      });
    }
    report.windows = windows;
    // Cold starts on the same data set (issue 19, item 7): the hall host and the packaged main process.
    log(`在约 ${options.windowCases} 件办件的数据库上冷启动 × ${options.coldStartRuns}……`);
    report.coldStart = {
      cases: options.windowCases,
      hallHost: await benchHallStartup(root, options.coldStartRuns, { dataDir, dbKeyFile: null }),
      packagedMain: await benchPackagedStartup(dataDir, null, options.coldStartRuns, log),
    };
  } finally {
    if (!options.windowData) await rm(dataDir, { recursive: true, force: true });
  }
}

report.benchSeconds = Math.round((performance.now() - started) / 1000);
const json = JSON.stringify(report, null, 2);
const out = path.join(root, 'bench/results', isDefault ? 'latest.json' : 'custom.json');
await mkdir(path.dirname(out), { recursive: true });
await writeFile(out, json + '\n');
console.log(json);
log(`已写入 ${path.relative(root, out)}（用时 ${report.benchSeconds} 秒）`);
