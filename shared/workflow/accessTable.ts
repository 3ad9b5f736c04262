// The access table of docs/access.md, made from the declarations themselves (a test keeps the
// file equal to it), so what the document says is what the program does.
import { ROLE_LABELS, ROLES } from '../auth/roles';
import { HALL_SCREEN_LABELS } from '../hallScreens/screens';
import type { ReadScope } from './access';
import type { RecordAccess, RecordKind } from './kind';

const CELL: Record<ReadScope, string> = {
  all: '全部',
  ownVillage: '本人负责的村（社区）',
  ownCommittees: '本人任职的调委会',
  own: '本人经办的',
};

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function accessTableMarkdown(
  accesses: readonly RecordAccess<never>[],
  kinds: readonly RecordKind<string, string, never>[],
): string {
  const lines = [
    '# Who reads which records (generated)',
    '',
    'Made by `npm run docs:access` from the declarations in `shared/` (`shared/api/records.ts` lists them);',
    '`test/workflow/accessDoc.test.ts` fails when this file and the declarations differ. A role not',
    'named for a kind reads none of its records; documents and attachments follow the record they',
    'belong to. Every answer with unmasked personal data is audited (see the procedures’ `audit`).',
    '',
    '## Reading',
    '',
    row(['记录', ...ROLES.map((r) => ROLE_LABELS[r]), '为什么']),
    row(['---', ...ROLES.map(() => '---'), '---']),
    ...accesses.map((access) =>
      row([access.noun, ...ROLES.map((role) => (access.read[role] ? CELL[access.read[role]] : '—')), access.why]),
    ),
    '',
    '## Steps',
    '',
    'Who takes each step, from which statuses (in the record’s scope above). A paired hall screen',
    '(docs/hall-screens.md) takes only the steps that name its kind, and has no scope of its own.',
    '',
  ];
  for (const kind of kinds) {
    lines.push(`### ${kind.noun}`, '', row(['步骤', '从哪些状态', '角色']), row(['---', '---', '---']));
    for (const step of Object.values(kind.steps)) {
      lines.push(
        row([
          step.label,
          step.from.map((s) => kind.statusLabels[s]).join('、'),
          [
            ...step.roles.map((r) => ROLE_LABELS[r]),
            // A paired hall screen named by the step (the resident's rating pad): nobody's account.
            ...(step.screens ?? []).map((k) => `${HALL_SCREEN_LABELS[k]}（配对的大厅屏幕）`),
          ].join('、'),
        ]),
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}
