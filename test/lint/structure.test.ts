// The shape of the code, checked by reading every import (type imports too): no circle anywhere,
// and no domain reaching into another domain's backend or UI folder. Within the backend and the
// UI, folders are layered: the kit (what every desk builds on), the registers every desk reads
// (places, calendar, catalog, residents), and the desks. A desk uses the kit and the registers,
// never another desk; what desks share moves down into the kit. The composition roots
// (electron/backend/backend.ts, renderer/app) put the desks together and may import them all.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const AREAS = ['shared', 'electron', 'renderer', 'hub', 'demo'];

interface Layers {
  /** The folder whose subfolders are layered, e.g. `electron/backend`. */
  root: string;
  kit: string[];
  registers: string[];
  desks: string[];
  /** Files or folders that compose the desks (may import any of them). */
  composition: string[];
}

const BACKEND: Layers = {
  root: 'electron/backend',
  kit: ['api', 'db', 'workflow', 'documents', 'auth', 'audit', 'backup', 'about', 'hallNetwork'],
  registers: ['places', 'calendar', 'catalog', 'residents'],
  // devices: the hall's ID-card reader (its handlers find the card's resident in the register).
  desks: ['counter', 'mediation', 'petitions', 'matters', 'sync', 'devices', 'queue'],
  // search reads every desk's records (the one search, a resident's history), like deskFigures.
  // backendHolder.ts opens the backend again on a restored data folder (first run).
  // hallScreens: the rating pad shows and rates a counter case through the counter's own step;
  // what dispatch needs of a screen (its credential) is in the kit (auth/screenCredentials.ts).
  composition: ['backend.ts', 'backendHolder.ts', 'deskFigures.ts', 'search', 'hallScreens'],
};

const UI: Layers = {
  root: 'renderer',
  kit: ['api', 'common', 'about'],
  registers: ['calendar', 'catalog', 'residents'],
  desks: [
    'counter',
    'mediation',
    'petitions',
    'matters',
    'sync',
    'documents',
    'system',
    'search',
    'updates',
    'hallNetwork',
    'devices',
    'queue',
    'hallScreens',
  ],
  composition: ['app', 'main.tsx'],
};

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(repoRoot, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(rel)));
    else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?\sfrom\s+['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function resolve(files: Set<string>, from: string, spec: string): string | null {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (files.has(candidate)) return candidate;
  }
  return null;
}

/** file → the files of the repository it imports (assets and packages left out). */
let graph: Map<string, string[]>;

before(async () => {
  const all = (await Promise.all(AREAS.map(sourceFiles))).flat();
  const files = new Set(all);
  graph = new Map();
  for (const file of all) {
    const text = await readFile(path.join(repoRoot, file), 'utf8');
    const targets = new Set<string>();
    for (const match of text.matchAll(IMPORT)) {
      const target = resolve(files, file, match[1] ?? match[2]!);
      if (target) targets.add(target);
    }
    graph.set(file, [...targets]);
  }
});

/** Strongly connected components with more than one file, or a file importing itself. */
function circles(): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return found;
}

/** Which layer (and folder) a file of `layers.root` belongs to. */
function placeOf(
  layers: Layers,
  file: string,
): { layer: 'kit' | 'registers' | 'desks' | 'composition'; folder: string } | null {
  if (!file.startsWith(`${layers.root}/`)) return null;
  const top = file.slice(layers.root.length + 1).split('/')[0]!;
  if (layers.composition.includes(top)) return { layer: 'composition', folder: top };
  for (const layer of ['kit', 'registers', 'desks'] as const) {
    if (layers[layer].includes(top)) return { layer, folder: top };
  }
  return null;
}

/** The imports that break the layering of `layers`, as `from → to` lines. */
function breaches(layers: Layers): string[] {
  const allowed: Record<'kit' | 'registers' | 'desks', ReadonlySet<string>> = {
    kit: new Set(['kit']),
    registers: new Set(['kit']),
    desks: new Set(['kit', 'registers']),
  };
  const out: string[] = [];
  for (const [file, targets] of graph) {
    const from = placeOf(layers, file);
    if (!from || from.layer === 'composition') continue;
    for (const target of targets) {
      const to = placeOf(layers, target);
      if (!to || to.folder === from.folder) continue;
      if (to.layer === 'composition' || !allowed[from.layer].has(to.layer)) out.push(`${file} → ${target}`);
    }
  }
  return out.sort();
}

describe('the structure of the code', () => {
  test('no import circle anywhere (type imports included)', () => {
    assert.deepEqual(circles(), []);
  });

  for (const layers of [BACKEND, UI]) {
    test(`${layers.root}: every folder is placed in a layer`, async () => {
      const entries = await readdir(path.join(repoRoot, layers.root), { withFileTypes: true });
      const unplaced = entries
        .map((e) => e.name)
        .filter((name) => !/\.(html|css|d\.ts)$/.test(name))
        .filter((name) => ![...layers.kit, ...layers.registers, ...layers.desks, ...layers.composition].includes(name));
      assert.deepEqual(unplaced, []);
    });

    test(`${layers.root}: desks use the kit and the registers, never another desk`, () => {
      assert.deepEqual(breaches(layers), []);
    });
  }

  test('the backend never imports the hall host or the desktop shell; the shell and the hall only the backend’s root and kit', () => {
    const outside = [...graph]
      .filter(([file]) => file.startsWith('electron/backend/'))
      .flatMap(([file, targets]) =>
        targets
          .filter((t) => t.startsWith('electron/hall/') || t.startsWith('electron/main/'))
          .map((t) => `${file} → ${t}`),
      );
    assert.deepEqual(outside, []);
  });

  test('the checks see the imports they judge (a desk importing the kit is found)', () => {
    assert.ok(
      graph.get('electron/backend/counter/caseBinding.ts')?.some((t) => t.startsWith('electron/backend/workflow/')),
    );
    assert.ok(graph.get('renderer/counter/CasePage.tsx')?.some((t) => t.startsWith('renderer/common/')));
  });
});
