// `npm run docs:access`: writes docs/access.md from the declarations of the kinds of record.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { recordAccess, recordKinds } from '../shared/api/records';
import { accessTableMarkdown } from '../shared/workflow/accessTable';
import { searchAccessMarkdown } from '../shared/search/coverage';

export const ACCESS_DOC = fileURLToPath(new URL('../docs/access.md', import.meta.url));

/** The document as the declarations make it, formatted as the repository formats Markdown. */
export async function accessDocument(): Promise<string> {
  const markdown = [
    accessTableMarkdown(Object.values(recordAccess), Object.values(recordKinds) as never),
    searchAccessMarkdown(),
  ].join('\n');
  return format(markdown, { ...(await resolveConfig(ACCESS_DOC)), filepath: ACCESS_DOC });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(ACCESS_DOC, await accessDocument());
  console.log('docs/access.md 已按声明重新生成');
}
