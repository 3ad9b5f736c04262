// The kinds of record the product keeps. Their names are the `entity` of change-log entries,
// issued documents and audit events, so a name never changes once records carry it.
export const KIND_NAMES = [
  'resident',
  'counterCase',
  'errand',
  'errandHandover',
  'dispute',
  'petition',
  'receptionDay',
  'matter',
  'queueTicket',
] as const;
export type RecordKindName = (typeof KIND_NAMES)[number];

export function isRecordKindName(name: string): name is RecordKindName {
  return (KIND_NAMES as readonly string[]).includes(name);
}
