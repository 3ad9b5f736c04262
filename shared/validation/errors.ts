import type { z } from 'zod';

/**
 * Turns zod issues into Chinese messages that name the field, e.g. `姓名：必须填写`.
 * Field labels come from `.describe('姓名')` on the schema, found by walking the issue path,
 * so every schema names its fields once, where they are declared. Parse with
 * `{ reportInput: true }` so a missing field can be told from a wrong one.
 */
export function zodIssuesToFieldErrors(schema: z.ZodType, issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const full = [...path, key].join('.');
        fieldErrors[full] ??= `不认识的字段“${key}”，请删去`;
      }
      continue;
    }
    const key = path.join('.') || '(input)';
    if (fieldErrors[key]) continue;
    const label = labelAt(schema, path) ?? (path.length ? path[path.length - 1] : '输入');
    fieldErrors[key] = `${label}：${describeIssue(issue)}`;
  }
  return fieldErrors;
}

const HAS_CHINESE = /[\u4e00-\u9fff]/;

function describeIssue(issue: z.core.$ZodIssue): string {
  // A message written in Chinese by the schema's author says it best.
  if (HAS_CHINESE.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return '必须填写';
      return `类型不对，应为${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? '必须填写' : `至少 ${issue.minimum} 个字符`;
      if (issue.origin === 'array') return `至少选择 ${issue.minimum} 项`;
      return `不能小于 ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') {
        const actual = typeof issue.input === 'string' ? `（现在 ${[...issue.input].length} 个）` : '';
        return `最多 ${issue.maximum} 个字符${actual}`;
      }
      if (issue.origin === 'array') return `最多 ${issue.maximum} 项`;
      return `不能大于 ${issue.maximum}`;
    case 'invalid_value':
      return '不是可选的值，请从列表中选择';
    case 'invalid_format':
      return '格式不对';
    case 'invalid_union':
      return '格式不对';
    default:
      return '填写有误';
  }
}

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  boolean: '是或否',
  array: '列表',
  object: '对象',
};

/** Walks object shapes and wrappers (optional, nullable, default, pipe) to find the label at `path`. */
function labelAt(schema: z.ZodType, path: readonly string[]): string | undefined {
  let current: unknown = schema;
  let label: string | undefined;
  for (const segment of path) {
    current = unwrap(current);
    const def = (current as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return label;
    if (def.type === 'object') {
      current = (def.shape as Record<string, unknown>)[segment];
    } else if (def.type === 'array') {
      current = def.element;
    } else {
      return label;
    }
    label = describedLabel(current) ?? label;
  }
  return label;
}

function unwrap(schema: unknown): unknown {
  let current = schema;
  for (let i = 0; i < 10; i++) {
    const def = (current as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return current;
    if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default' || def.type === 'readonly') {
      current = def.innerType;
    } else if (def.type === 'pipe') {
      current = def.in;
    } else {
      return current;
    }
  }
  return current;
}

function describedLabel(schema: unknown): string | undefined {
  let current = schema;
  for (let i = 0; i < 10 && current; i++) {
    const description = (current as { description?: string }).description;
    if (description) return description;
    const def = (current as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return undefined;
    current = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
  }
  return undefined;
}
