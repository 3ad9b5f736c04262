import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ApiResult } from '../../shared/api/errors';
import { passwordField, type SessionInfo } from '../../shared/auth/api';
import { ROLES } from '../../shared/auth/roles';
import type { ResidentSummary } from '../../shared/residents/api';
import { PHONE_PATTERN } from '../../shared/residents/api';
import { ETHNICITIES } from '../../shared/residents/ethnicities';
import { checkIdNumber, ID_TYPES, type IdType } from '../../shared/residents/idTypes';
import { pinyinInitialsVariants } from '../../shared/residents/pinyinInitials';
import { residentSearchTokens } from '../../shared/residents/search';
import { DEFAULT_SETTINGS, localDate } from '../../electron/backend/api/settings';
import type { SessionCarrier } from '../../electron/backend/api/context';
import { openDatabase, type Db } from '../../electron/backend/db/database';
import { DEMO_ACTOR, seedDemoTownship, type DemoSummary } from '../../demo/demoTownship';
import { openBackend, type Backend } from '../../electron/backend/backend';

const NOW = new Date('2026-03-15T02:00:00Z');
const TODAY = localDate(NOW, DEFAULT_SETTINGS.timeZone);
const RESIDENTS = 2000;
const SEED = 7;

function carrier(): SessionCarrier {
  return {
    token: null,
    origin: 'test',
    setToken(token) {
      this.token = token;
    },
  };
}

function unwrap<T>(result: ApiResult<unknown>): T {
  if (!result.ok) assert.fail(`${result.error.code}: ${result.error.message}`);
  return result.result as T;
}

async function residentRows(db: Db) {
  return db
    .selectFrom('residents')
    .select([
      'id',
      'name',
      'id_type',
      'id_number',
      'sex',
      'birth_date',
      'phone',
      'ethnicity',
      'village_id',
      'group_id',
      'address',
      'note',
    ])
    .orderBy('id')
    .execute();
}

describe('demo township', () => {
  const folders: string[] = [];
  let backend: Backend;
  let summary: DemoSummary;
  const progress: Array<[number, number]> = [];

  const tempFolder = async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'township-demo-test-'));
    folders.push(folder);
    return folder;
  };

  before(async () => {
    backend = await openBackend({ dataDir: await tempFolder(), now: () => new Date(NOW) });
    summary = await seedDemoTownship(backend.db, {
      residents: RESIDENTS,
      seed: SEED,
      now: NOW,
      onProgress: (done, total) => progress.push([done, total]),
    });
  });

  after(async () => {
    await backend?.close();
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  });

  test('the summary describes what was written', async () => {
    assert.equal(summary.townshipName, '青石镇');
    assert.equal(summary.residents, RESIDENTS);
    assert.equal(summary.villages, 24);
    // Three months of the counter: numbered without gaps, each pointing at a demo resident.
    const cases = await backend.db.selectFrom('counter_cases').select(['case_number', 'resident_id']).execute();
    assert.equal(cases.length, summary.counterCases);
    assert.ok(summary.counterCases > 200, `${summary.counterCases} cases`);
    const numbers = cases.map((c) => c.case_number).filter((n): n is string => n !== null);
    assert.equal(new Set(numbers).size, numbers.length);
    // The township's mediation committee and three village ones, each with mediators.
    assert.equal(summary.mediationCommittees, 4);
    const prefixes = await backend.db.selectFrom('mediation_committees').select('case_prefix').execute();
    assert.equal(new Set(prefixes.map((p) => p.case_prefix)).size, 4);
    // Half a year of disputes: numbered per committee and year from 1 without gaps, a mix of
    // open and closed ones, every one with parties on both sides.
    const disputes = await backend.db
      .selectFrom('disputes')
      .select(['committee_id', 'case_year', 'case_sequence', 'status', 'id'])
      .execute();
    assert.equal(disputes.length, summary.disputes);
    assert.ok(summary.disputes >= 20, `${summary.disputes} disputes`);
    const sequences = new Map<string, number[]>();
    for (const d of disputes.filter((d) => d.case_sequence !== null)) {
      const key = `${d.committee_id}:${d.case_year}`;
      sequences.set(key, [...(sequences.get(key) ?? []), d.case_sequence!]);
    }
    for (const list of sequences.values())
      assert.deepEqual(
        [...list].sort((a, b) => a - b),
        list.map((_, i) => i + 1),
      );
    const statuses = new Set(disputes.map((d) => d.status));
    assert.ok(statuses.has('closed') && statuses.has('accepted'), [...statuses].join());
    const sides = await backend.db.selectFrom('dispute_parties').select(['dispute_id', 'side']).execute();
    for (const d of disputes) {
      const own = sides.filter((p) => p.dispute_id === d.id);
      assert.ok(own.some((p) => p.side === 'applicant') && own.some((p) => p.side === 'respondent'));
    }
    const villages = await backend.db.selectFrom('villages').selectAll().execute();
    const groups = await backend.db.selectFrom('village_groups').selectAll().execute();
    assert.equal(villages.length, 24);
    assert.equal(groups.length, summary.groups);
    assert.ok(villages.some((v) => v.kind === 'village' && v.name.endsWith('村')));
    assert.ok(villages.some((v) => v.kind === 'community' && v.name.endsWith('社区')));
    for (const village of villages) {
      const own = groups.filter((g) => g.village_id === village.id);
      assert.ok(own.length >= 4 && own.length <= 9, `${village.name} has ${own.length} groups`);
      const label = village.kind === 'village' ? /^第[一二三四五六七八九]村民小组$/ : /^第[一二三四五六七八九]网格$/;
      for (const group of own) assert.match(group.name, label);
    }
    const count = await backend.db
      .selectFrom('residents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), RESIDENTS);
    assert.deepEqual(progress.at(-1), [RESIDENTS, RESIDENTS]);
    assert.ok(
      progress.every(([done], i) => i === 0 || done >= progress[i - 1]![0]),
      'progress only goes forward',
    );
  });

  test('a year of petitions: numbered, from the registry, repeats and group visits as the desk keeps them', async () => {
    const db = backend.db;
    const petitions = await db.selectFrom('petitions').selectAll().orderBy('received_on').orderBy('sequence').execute();
    assert.equal(petitions.length, summary.petitions);
    assert.ok(summary.petitions >= 120, `${summary.petitions} petitions`);
    // Numbered per year from 1 without gaps, in the order received: 青信〔2026〕12号.
    const byYear = new Map<number, number[]>();
    for (const p of petitions) {
      assert.equal(p.number, `青信〔${p.year}〕${p.sequence}号`);
      assert.equal(p.year, Number(p.received_on.slice(0, 4)));
      byYear.set(p.year, [...(byYear.get(p.year) ?? []), p.sequence]);
    }
    for (const [year, list] of byYear) {
      assert.deepEqual(
        list,
        list.map((_, i) => i + 1),
      );
      const counter = await db
        .selectFrom('number_counters')
        .select('last_value')
        .where('scope', '=', `petition:${year}`)
        .executeTakeFirstOrThrow();
      assert.equal(counter.last_value, list.length, 'the next registration carries on the numbers');
    }
    // Nothing dated after today; old ones closed, recent ones open, the open ones' deadline kept.
    const statuses = new Set(petitions.map((p) => p.status));
    assert.ok(statuses.has('closed') && (statuses.has('accepted') || statuses.has('registered')), [...statuses].join());
    for (const p of petitions) {
      assert.ok(p.last_step_on <= TODAY && p.received_on <= p.last_step_on, p.number);
      if (p.status === 'closed') assert.ok(p.replied_on && p.closed_on, `${p.number} closed with a reply`);
      if (p.status === 'registered') assert.equal(p.running_due_on, p.acceptance_due_on);
      if (p.status === 'accepted') assert.equal(p.running_due_on, p.handling_due_on);
      if (p.satisfaction_on) assert.ok(p.replied_on && p.satisfaction_on >= p.replied_on && p.satisfaction_on <= TODAY);
    }
    // Petitioners are demo residents; a group visit names one to five representatives.
    const petitioners = await db.selectFrom('petitioners').selectAll().execute();
    const residents = new Map((await residentRows(db)).map((r) => [r.id, r]));
    for (const p of petitioners) {
      const resident = residents.get(p.resident_id!);
      assert.ok(resident && resident.name === p.name && resident.phone === p.phone, p.name);
      assert.ok(p.id_number === '' || p.id_number === resident.id_number);
    }
    const ofPetition = (id: string) => petitioners.filter((p) => p.petition_id === id);
    for (const p of petitions) {
      const own = ofPetition(p.id);
      assert.ok(own.length >= 1, `${p.number} has petitioners`);
      assert.ok(p.petitioner_names.startsWith(own.find((x) => x.position === 0)!.name));
      if (p.people_count > 1) assert.ok(p.petitioner_names.endsWith(`等${p.people_count}人`), p.petitioner_names);
      if (p.group_visit === 1) {
        assert.ok(p.channel === 'visit' && p.people_count >= 5);
        const representatives = own.filter((x) => x.representative === 1).length;
        assert.ok(representatives >= 1 && representatives <= 5, `${p.number}: ${representatives} representatives`);
      }
    }
    // A repeat comes from the same person as the petition it repeats, after it.
    const repeats = petitions.filter((p) => p.repeat === 1);
    assert.ok(repeats.length > 0, 'some come again');
    for (const p of repeats) {
      const earlier = petitions.find((e) => e.id === p.repeat_of_id)!;
      assert.ok(earlier.received_on <= p.received_on);
      assert.equal(ofPetition(p.id)[0]!.resident_id, ofPetition(earlier.id)[0]!.resident_id);
    }
    assert.ok(petitions.some((p) => p.channel === 'letter') && petitions.some((p) => p.channel === 'visit'));
    // A leader receives every Monday morning, in turn; some visits were registered on those days.
    const days = await db.selectFrom('reception_days').selectAll().execute();
    assert.ok(days.length >= 48, `${days.length} reception days`);
    for (const day of days) {
      assert.equal(new Date(`${day.on}T00:00:00Z`).getUTCDay(), 1, day.on);
      assert.equal(day.starts_at, '08:30');
      assert.ok(['党委书记', '镇长', '党委副书记', '副镇长'].includes(day.leader_title));
    }
    assert.ok(new Set(days.map((d) => d.leader_name)).size >= 3);
    const received = petitions.filter((p) => p.reception_day_id);
    assert.ok(received.length > 0, 'visits registered on reception days');
    for (const p of received) {
      const day = days.find((d) => d.id === p.reception_day_id)!;
      assert.equal(day.on, p.received_on);
      assert.equal(p.leader_name, day.leader_name);
    }
  });

  test('the same seed gives the same township; another seed gives another', async () => {
    const again = await openDatabase(await tempFolder());
    const other = await openDatabase(await tempFolder());
    try {
      await seedDemoTownship(again, { residents: RESIDENTS, seed: SEED, now: NOW });
      await seedDemoTownship(other, { residents: RESIDENTS, seed: SEED + 1, now: NOW });
      const first = await residentRows(backend.db);
      assert.deepEqual(await residentRows(again), first, 'names, ID numbers, phones, places and record ids repeat');
      const otherRows = await residentRows(other);
      const sameNames = otherRows.filter((row, i) => row.name === first[i]!.name).length;
      assert.ok(sameNames < RESIDENTS / 4, `a different seed should give different people (${sameNames} equal names)`);
    } finally {
      await again.destroy();
      await other.destroy();
    }
  });

  test('every document number passes the check of its type, and agrees with sex and birth date', async () => {
    const rows = await residentRows(backend.db);
    const seen = new Set<string>();
    const types = new Set<string>();
    for (const row of rows) {
      assert.ok((ID_TYPES as readonly string[]).includes(row.id_type), row.id_type);
      types.add(row.id_type);
      const check = checkIdNumber(row.id_type as IdType, row.id_number, TODAY);
      assert.ok(check.ok, `${row.name} ${row.id_type} ${row.id_number}: ${check.ok ? '' : check.message}`);
      assert.equal(check.normalized, row.id_number);
      if (row.id_type === 'residentId' || row.id_type === 'hmtResidencePermit') {
        assert.equal(check.sex, row.sex, `${row.id_number} sex`);
        assert.equal(check.birthDate, row.birth_date, `${row.id_number} birth date`);
      } else {
        assert.ok(row.sex && row.birth_date, 'sex and birth date stored for documents that do not carry them');
      }
      assert.ok(!seen.has(row.id_number), `duplicate ID number ${row.id_number}`);
      seen.add(row.id_number);
    }
    assert.ok(types.has('residentId'));
    assert.ok(types.size >= 2, 'a few residents hold other documents');
    const residentIds = rows.filter((r) => r.id_type === 'residentId');
    assert.ok(residentIds.length / rows.length > 0.98, 'almost everyone holds a resident ID');
    const ages = residentIds.map((r) => Number(TODAY.slice(0, 4)) - Number(r.birth_date!.slice(0, 4)));
    assert.ok(
      Math.min(...ages) <= 2 && Math.max(...ages) >= 85,
      `ages spread over 0–95 (got ${Math.min(...ages)}–${Math.max(...ages)})`,
    );
    assert.ok(Math.max(...ages) <= 96);
  });

  test('names, phones, ethnicities and addresses look like a real township', async () => {
    const rows = await residentRows(backend.db);
    const withPhone = rows.filter((r) => r.phone !== '');
    const share = withPhone.length / rows.length;
    assert.ok(share > 0.7 && share < 0.9, `about 80% have a phone (got ${(share * 100).toFixed(1)}%)`);
    for (const row of withPhone) assert.match(row.phone, PHONE_PATTERN);
    const mobiles = withPhone.filter((r) => r.phone.startsWith('1')).map((r) => r.phone);
    assert.equal(new Set(mobiles).size, mobiles.length, 'mobile numbers are unique');

    for (const row of rows) assert.ok((ETHNICITIES as readonly string[]).includes(row.ethnicity), row.ethnicity);
    const han = rows.filter((r) => r.ethnicity === '汉族').length;
    assert.ok(han / rows.length > 0.95 && han < rows.length, 'mostly Han, a few minorities');

    for (const row of rows) {
      const length = [...row.name].length;
      assert.ok(length >= 2 && length <= 12, `name ${row.name}`);
      assert.equal(row.name, row.name.normalize('NFC'));
      assert.ok(row.address.startsWith('青石镇'), row.address);
    }
    const surnames = new Map<string, number>();
    for (const row of rows) surnames.set(row.name[0]!, (surnames.get(row.name[0]!) ?? 0) + 1);
    const top = [...surnames]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([s]) => s);
    assert.ok(top.includes('王') && top.includes('李') && top.includes('张'), `common surnames first: ${top.join('')}`);
    const rare = rows.filter((r) =>
      [...r.name].some((ch) => ch.codePointAt(0)! > 0xffff || /[䶮堃喆犇昇玥燚赟彧垚祎珺婳玙淼]/u.test(ch)),
    );
    assert.ok(rare.length >= 5, `some names hold rare characters (got ${rare.length})`);

    const villages = await backend.db.selectFrom('villages').select(['id', 'name']).execute();
    const village = rows.find((r) => /村第[一二三四五六七八九]组\d+号$/.test(r.address));
    assert.ok(village, 'village addresses look like 青石镇东岗村第三组12号');
    assert.ok(village.address.includes(villages.find((v) => v.id === village.village_id)!.name));
  });

  test('each resident has search tokens and one change-log entry by the demo actor', async () => {
    const sample = (await residentRows(backend.db)).filter((_, i) => i % 97 === 0);
    for (const row of sample) {
      const tokens = await backend.db
        .selectFrom('resident_search_tokens')
        .select('token')
        .where('resident_id', '=', row.id)
        .execute();
      assert.deepEqual(tokens.map((t) => t.token).sort(), residentSearchTokens(row.name).sort());
      const changes = await backend.db.selectFrom('change_log').selectAll().where('entity_id', '=', row.id).execute();
      assert.equal(changes.length, 1);
      assert.equal(changes[0]!.entity, 'resident');
      assert.equal(changes[0]!.op, 'create');
      assert.equal(changes[0]!.actor_id, null);
      assert.equal(changes[0]!.actor_name, DEMO_ACTOR.name);
      const { id, ...stored } = row;
      assert.ok(id);
      assert.deepEqual(JSON.parse(changes[0]!.data), stored);
    }
    const userChanges = await backend.db.selectFrom('change_log').select('id').where('entity', '=', 'user').execute();
    assert.equal(userChanges.length, summary.users.length);
  });

  test('a user of every role can sign in with the demo password', async () => {
    for (const role of ROLES)
      assert.ok(
        summary.users.some((u) => u.roles.includes(role)),
        `a demo user for ${role}`,
      );
    assert.ok(summary.users.filter((u) => u.roles.includes('counterClerk')).length >= 2, 'two counter clerks');
    for (const user of summary.users) {
      assert.ok(passwordField('密码').safeParse(user.password).success, 'demo passwords meet the password rules');
      const session = carrier();
      const info = unwrap<SessionInfo>(
        await backend.dispatch('auth.login', { username: user.username, password: user.password }, session),
      );
      assert.ok(session.token, `${user.username} got a session`);
      assert.deepEqual(info.user.roles, user.roles);
      assert.equal(info.user.displayName, user.displayName);
      assert.equal(info.user.mustChangePassword, false);
    }
    const status = unwrap<{ townshipName: string; needsSetup: boolean }>(
      await backend.dispatch('system.status', {}, carrier()),
    );
    assert.equal(status.townshipName, '青石镇');
    assert.equal(status.needsSetup, false);
  });

  test('seeded residents are found by pinyin initials, name, and ID or phone tails', async () => {
    const clerk = summary.users.find((u) => u.roles.includes('counterClerk'))!;
    const session = carrier();
    unwrap(await backend.dispatch('auth.login', { username: clerk.username, password: clerk.password }, session));
    const search = async (query: string) =>
      unwrap<{ items: ResidentSummary[]; total: number }>(
        await backend.dispatch('residents.search', { query, limit: 100 }, session),
      );

    const rows = await residentRows(backend.db);
    let checked = 0;
    for (const row of rows.filter((r) => /^[\u4e00-\u9fff]{3}$/.test(r.name)).slice(0, 40)) {
      const initials = pinyinInitialsVariants(row.name)[0]!;
      const found = await search(initials);
      if (found.total >= 100) continue; // too common to list in full; covered with a second term below
      assert.ok(
        found.items.some((item) => item.id === row.id),
        `${row.name} by “${initials}”`,
      );
      checked++;
    }
    assert.ok(checked >= 10, `pinyin initials checked for ${checked} residents`);

    for (const row of rows.filter((_, i) => i % 211 === 0)) {
      const byInitialsAndId = await search(`${pinyinInitialsVariants(row.name)[0]} ${row.id_number.slice(-4)}`);
      assert.ok(
        byInitialsAndId.items.some((item) => item.id === row.id),
        `${row.name} by initials and ID tail`,
      );
      const byName = await search(row.name);
      assert.ok(
        byName.items.some((item) => item.id === row.id),
        `${row.name} by name`,
      );
      const byId = await search(row.id_number);
      assert.deepEqual(
        byId.items.map((item) => item.id),
        [row.id],
      );
      if (/^1\d{10}$/.test(row.phone)) {
        const byPhone = await search(row.phone.slice(-6));
        assert.ok(
          byPhone.items.some((item) => item.id === row.id),
          `${row.name} by phone tail`,
        );
      }
    }
  });

  test('a database that already has users or residents is refused', async () => {
    await assert.rejects(seedDemoTownship(backend.db, { residents: 10, now: NOW }), /已有/);
    const count = await backend.db
      .selectFrom('residents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), RESIDENTS, 'nothing was added');
    await assert.rejects(seedDemoTownship(backend.db, { residents: -1, now: NOW }), /人数/);
  });
});
