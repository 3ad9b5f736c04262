// What the one search and a resident's history show a reader, read off the declarations: a
// record the reader may not open is left out altogether — not shown as a blank line or counted
// — because that a person petitioned, or was a party to a family dispute, is itself what the
// read rules protect. The page says instead which kinds the reader's role does not see.
import { recordKinds } from '../api/records';
import { ROLE_LABELS, ROLES, type Role } from '../auth/roles';
import { scopesOf, SCOPE_WORDS, type Reader } from '../workflow/access';
import type { RecordKind } from '../workflow/kind';
import { LINE_KINDS, type CoverageNote, type LineKind } from './api';

function kindOf(kind: LineKind): RecordKind<string, string, never> {
  return recordKinds[kind] as unknown as RecordKind<string, string, never>;
}

/**
 * Whether no declared step leads anywhere from `status` (a note or an attachment may still be
 * added): the record's life is over, and a line is drawn quieter.
 */
export function isFinalStatus(kind: LineKind, status: string): boolean {
  return Object.values(kindOf(kind).steps).every(
    (step) => !step.from.includes(status) || (step.to ?? [status]).every((to) => to === status),
  );
}

export function statusLabelOf(kind: LineKind, status: string): string {
  return kindOf(kind).statusLabels[status] ?? status;
}

/** The kinds `reader` does not see at all, or only in part, with the words the page shows. */
export function coverageOf(reader: Pick<Reader, 'roles'>): CoverageNote[] {
  const notes: CoverageNote[] = [];
  for (const kind of LINE_KINDS) {
    const access = kindOf(kind);
    const scopes = scopesOf(access.read, reader);
    if (scopes.length === 0) {
      notes.push({ kind, noun: access.noun, note: `您的角色不能查看${access.noun}，此处不列出` });
    } else if (!scopes.includes('all')) {
      notes.push({
        kind,
        noun: access.noun,
        note: `只列出${scopes.map((s) => SCOPE_WORDS[s]).join('或')}${access.noun}`,
      });
    }
  }
  return notes;
}

/**
 * The section of docs/access.md on the one search and a resident's history: the rule, and what
 * each role finds per kind, read off the same declarations.
 */
export function searchAccessMarkdown(): string {
  const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const nouns = LINE_KINDS.map((kind) => kindOf(kind).noun);
  const cell = (role: Role, kind: LineKind) => {
    const scopes = scopesOf(kindOf(kind).read, { roles: [role] });
    if (scopes.length === 0) return '不列出';
    return scopes.includes('all') ? '全部' : scopes.map((s) => SCOPE_WORDS[s].replace(/的$/, '')).join('或');
  };
  return [
    '## The one search and a resident’s history',
    '',
    'The search in the header (`search.everything`) and the history on a resident’s page',
    '(`search.residentHistory`) list records of every desk, each kind filtered by the conditions its',
    'own lists use (the read rules above); papers follow their record. A record the reader may not',
    'open is **left out**, neither shown without detail nor counted: that a person petitioned, or was',
    'a party to a family dispute, is itself what these rules protect. Instead the history says which',
    'kinds the reader’s role does not see, or sees in part (“您的角色不能查看信访件，此处不列出”).',
    'Opening a resident’s history needs the resident’s own read rule (a village agent: the own',
    'village). Each answer writes one audit event per kind it listed, naming the records.',
    '',
    row(['角色', ...nouns]),
    row(['---', ...nouns.map(() => '---')]),
    ...ROLES.map((role) => row([ROLE_LABELS[role], ...LINE_KINDS.map((kind) => cell(role, kind))])),
    '',
  ].join('\n');
}
