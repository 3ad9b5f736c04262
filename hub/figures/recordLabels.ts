// How the county shows a record behind a figure: its number, and one line saying what it is. A
// person's name is shown masked (张**): the list is for finding the record, not for reading it.
type Row = Readonly<Record<string, unknown>>;

const text = (row: Row, column: string): string | null => {
  const value = row[column];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
};

export function maskedName(name: string | null): string {
  if (!name) return '';
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

const cut = (value: string | null, length = 30): string =>
  !value ? '' : [...value].length > length ? `${[...value].slice(0, length).join('')}…` : value;

const TITLES: Record<string, (row: Row) => string> = {
  counter_cases: (row) => [text(row, 'item_name'), maskedName(text(row, 'resident_name'))].filter(Boolean).join(' · '),
  errands: (row) => [text(row, 'item_name'), maskedName(text(row, 'resident_name'))].filter(Boolean).join(' · '),
  disputes: (row) => [text(row, 'category'), cut(text(row, 'facts'))].filter(Boolean).join(' · '),
  petitions: (row) => [text(row, 'category'), cut(text(row, 'matter'))].filter(Boolean).join(' · '),
  matters: (row) => [text(row, 'category'), cut(text(row, 'description'))].filter(Boolean).join(' · '),
  mediation_sweeps: (row) => ['矛盾纠纷排查', text(row, 'held_on'), text(row, 'area')].filter(Boolean).join(' · '),
};

const NUMBER_COLUMNS = ['case_number', 'number', 'authorisation_number'];

export function recordLabel(table: string, row: Row): { number: string | null; title: string } {
  const number = NUMBER_COLUMNS.map((c) => text(row, c)).find((n) => n !== null) ?? null;
  const title = TITLES[table]?.(row) || (number ?? '');
  return { number, title: title.slice(0, 200) };
}
