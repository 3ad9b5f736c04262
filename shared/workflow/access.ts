// Who reads which records. A kind of record names, per role, the records that role may read:
// all of them, or only those in the reader's scope (own village, own committees, own records).
// Roles a kind does not name read none of its records (PIPL: minimum necessary).
import type { Role } from '../auth/roles';

export const READ_SCOPES = ['all', 'ownVillage', 'ownCommittees', 'own'] as const;
export type ReadScope = (typeof READ_SCOPES)[number];

/** Per role, which of a kind's records it reads. */
export type ReadRules = Partial<Record<Role, ReadScope>>;

/** The signed-in user as access sees them: roles and the places they serve. */
export interface Reader {
  id: string;
  roles: readonly Role[];
  /** A village agent's villages. */
  villageIds: readonly string[];
  /** The mediation committees the user serves on (as the mediator their account is linked to). */
  committeeIds: readonly string[];
}

/** What places a record in a scope. */
export interface ScopeFacts {
  villageId?: string | null;
  committeeId?: string | null;
  /** The user who owns the record (the agent of an errand). */
  ownerId?: string | null;
}

/** The scopes through which `reader` reads a kind's records: empty when none, `['all']` when all. */
export function scopesOf(rules: ReadRules, reader: Pick<Reader, 'roles'>): ReadScope[] {
  const scopes = new Set<ReadScope>();
  for (const role of reader.roles) {
    const scope = rules[role];
    if (scope) scopes.add(scope);
  }
  return scopes.has('all') ? ['all'] : READ_SCOPES.filter((s) => scopes.has(s));
}

/** Whether one scope takes in a record. */
export function inScope(scope: ReadScope, reader: Reader, facts: ScopeFacts): boolean {
  switch (scope) {
    case 'all':
      return true;
    case 'ownVillage':
      return !!facts.villageId && reader.villageIds.includes(facts.villageId);
    case 'ownCommittees':
      return !!facts.committeeId && reader.committeeIds.includes(facts.committeeId);
    case 'own':
      return !!facts.ownerId && facts.ownerId === reader.id;
  }
}

export function mayRead(rules: ReadRules, reader: Reader, facts: ScopeFacts): boolean {
  return scopesOf(rules, reader).some((scope) => inScope(scope, reader, facts));
}

/** What to do when a user has no place yet in a scope their role reads through. */
export const SCOPE_UNSET: Partial<Record<ReadScope, { missing: (reader: Reader) => boolean; words: string }>> = {
  ownVillage: {
    missing: (reader) => reader.villageIds.length === 0,
    words: '尚未设定您负责的村（社区），请系统管理员在“代办”的“代办员”（网格员在“群众诉求”的“网格员”）中设定',
  },
  ownCommittees: {
    missing: (reader) => reader.committeeIds.length === 0,
    words: '您的账号尚未关联为调委会的调解员，请在“调委会与调解员”中为调解员关联登录账号',
  },
};

/** How each scope reads in a sentence (“只能查看本村（社区）的居民”). */
export const SCOPE_WORDS: Record<ReadScope, string> = {
  all: '全部',
  ownVillage: '本人负责的村（社区）的',
  ownCommittees: '本人任职的调委会的',
  own: '本人经办的',
};
