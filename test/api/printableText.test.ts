// Text that can always be printed: what a name, an address or a matter may hold is refused at
// input with the field named (control characters, characters that turn the text around,
// broken encodings, characters no font of the papers has), while the rare characters of real
// names (𠮷䶮堃) go through; a paper for a record holding such text from before answers 400
// naming the field, never 500; and the petition numbers' prefix is checked the same way.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { RegisterDisputeInput } from '../../shared/mediation/disputesApi';
import type { RegisterPetitionInput } from '../../shared/petitions/api';
import type { VillageRecord } from '../../shared/places/api';
import { residentId } from '../support/ids';
import { li, zhang, townshipCommittee } from '../support/mediationParties';
import {
  morningOf,
  refused,
  signedInAs,
  startSetUpHall,
  type Answer,
  type TestClient,
  type TestHall,
} from '../support/testHall';

/** What may never be in a printed field, with the words its refusal uses. */
const BAD: ReadonlyArray<{ what: string; char: string; words: RegExp }> = [
  { what: 'NUL', char: '\u0000', words: /含有不能打印的控制字符（位置 2，U\+0000）/ },
  { what: 'BEL', char: '\u0007', words: /含有不能打印的控制字符（位置 2，U\+0007）/ },
  { what: 'ESC', char: '\u001B', words: /含有不能打印的控制字符（位置 2，U\+001B）/ },
  { what: 'DEL', char: '\u007F', words: /含有不能打印的控制字符（位置 2，U\+007F）/ },
  { what: 'C1 NEL', char: '\u0085', words: /含有不能打印的控制字符（位置 2，U\+0085）/ },
  { what: 'U+202E (right-to-left override)', char: '\u202E', words: /含有改变文字方向的控制字符（位置 2，U\+202E）/ },
  { what: 'U+2066 (left-to-right isolate)', char: '\u2066', words: /含有改变文字方向的控制字符（位置 2，U\+2066）/ },
  { what: 'a lone high surrogate', char: '\uD842', words: /含有残缺的字符编码（位置 2，U\+D842）/ },
  { what: 'a lone low surrogate', char: '\uDFB7', words: /含有残缺的字符编码（位置 2，U\+DFB7）/ },
];

const ZHAO = residentId('19650312', 31);

describe('text that can always be printed', () => {
  let hall: TestHall;
  let admin: TestClient;
  let clerk: TestClient;
  let receptionist: TestClient;
  let mediator: TestClient;
  let village: VillageRecord;
  let committeeId: string;

  const resident = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    idType: 'other',
    idNumber: `T-${randomUUID().slice(0, 8)}`,
    sex: 'female',
    birthDate: '1985-05-05',
    ethnicity: '汉族',
    villageId: village.id,
    ...extra,
  });

  const petition = (overrides: Partial<RegisterPetitionInput> = {}): RegisterPetitionInput => ({
    requestId: randomUUID(),
    channel: 'visit',
    receivedAt: '09:10',
    peopleCount: 1,
    petitioners: [
      { name: '赵𠮷祥', idNumber: ZHAO, phone: '13800000001', address: '东岗村一组', representative: true },
    ],
    category: 'expropriation',
    matter: '村道拓宽占用承包地，青苗补偿款至今未发放到户。',
    requests: '要求按县定标准发放青苗补偿款。',
    place: '村道拓宽段',
    departmentConcerned: '镇交通管理站',
    ...overrides,
  });

  const dispute = (overrides: Partial<RegisterDisputeInput> = {}): RegisterDisputeInput => ({
    requestId: randomUUID(),
    committeeId,
    source: 'oralApplication',
    category: 'neighbour',
    facts: '宏达公司施工堆放建材占用张𠮷祥家门前通道，双方多次争吵。',
    villageId: village.id,
    placeDetail: '第一村民小组',
    peopleInvolved: 2,
    risky: false,
    parties: [zhang, li],
    ...overrides,
  });

  const count = async (table: 'residents' | 'petitions' | 'disputes' | 'change_log') =>
    Number(
      (
        await hall.backend.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** A refusal naming the field, with nothing written. */
  async function refusedField(
    send: () => Promise<Answer<unknown>>,
    table: 'residents' | 'petitions' | 'disputes',
    field: string,
    words: RegExp,
  ) {
    const [rows, changes] = [await count(table), await count('change_log')];
    const answer = await send();
    refused(answer, 400, words, field);
    assert.ok(!answer.body.ok && answer.body.error.code === 'VALIDATION');
    assert.equal(await count(table), rows, 'nothing stored');
    assert.equal(await count('change_log'), changes, 'nothing logged');
  }

  before(async () => {
    const started = await startSetUpHall({ sessionMaxHours: 24 * 365, sessionIdleMinutes: 60 * 24 * 365 });
    ({ hall, admin, village } = started);
    hall.clock.current = morningOf('2026-08-03');
    clerk = await signedInAs(hall, admin, 'clerk', ['counterClerk']);
    receptionist = await signedInAs(hall, admin, 'petition', ['petitionReceptionist']);
    mediator = await signedInAs(hall, admin, 'mediator', ['mediator']);
    committeeId = (await admin.ok('mediation.saveCommittee', townshipCommittee)).id;
    await admin.ok('mediation.saveMediator', {
      name: '王芳',
      idNumber: residentId('19800101', 42),
      phone: '',
      committeeIds: [committeeId],
      specialities: ['邻里纠纷'],
      fullTime: true,
      lawyer: false,
      userId: (await mediator.ok('auth.session', {}))!.user.id,
      active: true,
    });
  });
  after(() => hall.close());

  for (const { what, char, words } of BAD) {
    test(`${what}: refused by field for a resident's name, a petitioner's name and a dispute party's name`, async () => {
      await refusedField(
        () => clerk.call('residents.register', resident(`陈${char}静`)),
        'residents',
        'name',
        new RegExp(`^姓名：${words.source}`),
      );
      await refusedField(
        () =>
          receptionist.call(
            'petitions.register',
            petition({ petitioners: [{ name: `赵${char}祥`, idNumber: ZHAO, representative: true }] }),
          ),
        'petitions',
        'petitioners.0.name',
        new RegExp(`^姓名：${words.source}`),
      );
      await refusedField(
        () => mediator.call('mediation.registerDispute', dispute({ parties: [zhang, { ...li, name: `李${char}芬` }] })),
        'disputes',
        'parties.1.name',
        new RegExp(`^姓名或名称：${words.source}`),
      );
    });
  }

  test('the position is counted in characters, so a rare character before it counts once', async () => {
    await refusedField(
      () => clerk.call('residents.register', resident('张𠮷𠮷\u0007', { address: '东岗村' })),
      'residents',
      'name',
      /^姓名：含有不能打印的控制字符（位置 4，U\+0007）/,
    );
    await refusedField(
      () => clerk.call('residents.register', resident('陈静', { address: '东岗村\u202E18号' })),
      'residents',
      'address',
      /^住址：含有改变文字方向的控制字符（位置 4，U\+202E）/,
    );
  });

  test('tab and newline: kept in a multi-line field (the matter), refused in a name', async () => {
    const matter = '一、村道拓宽占用承包地。\n二、青苗补偿款\t至今未发放。\r\n三、要求答复。';
    const { petition: saved } = await receptionist.ok('petitions.register', petition({ matter }));
    const stored = await hall.backend.db
      .selectFrom('petitions')
      .select('matter')
      .where('id', '=', saved.id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.matter, matter);
    await refusedField(
      () =>
        receptionist.call(
          'petitions.register',
          petition({ petitioners: [{ name: '赵\n祥', idNumber: ZHAO, representative: true }] }),
        ),
      'petitions',
      'petitioners.0.name',
      /^姓名：不能换行（位置 2），请写在一行内/,
    );
    await refusedField(
      () => clerk.call('residents.register', resident('陈\t静')),
      'residents',
      'name',
      /^姓名：含有制表符（位置 2），请改为空格/,
    );
    // A newline pasted at the end of a name (from a spreadsheet's cell) is trimmed, not refused.
    const trimmed = await clerk.ok('residents.register', resident('陈静\r\n'));
    assert.equal(trimmed.name, '陈静');
  });

  test('rare but covered characters (𠮷 U+20BB7, 䶮 U+4DAE, 堃 U+5803) are accepted and kept', async () => {
    for (const name of ['张𠮷', '刘䶮', '王堃', '𠮷䶮堃']) {
      const saved = await clerk.ok('residents.register', resident(name));
      assert.equal(saved.name, name);
    }
    const { petition: saved } = await receptionist.ok(
      'petitions.register',
      petition({ petitioners: [{ name: '马䶮', idNumber: ZHAO, representative: true }] }),
    );
    assert.equal(saved.petitionerNames, '马䶮');
  });

  test('a character no font of the papers has is refused at input, naming the field and the character', async () => {
    // U+30000 (CJK Extension G) is in none of the fonts; U+0378 is not assigned at all.
    await refusedField(
      () => clerk.call('residents.register', resident('李\u{30000}')),
      'residents',
      'name',
      /^姓名：字“\u{30000}”（位置 2，U\+30000）在文书的字体中都没有字形，无法打印/u,
    );
    await refusedField(
      () => clerk.call('residents.register', resident('陈静', { note: '备注\u0378' })),
      'residents',
      'note',
      /^备注：.*（位置 3，U\+0378）在文书的字体中都没有字形/,
    );
    await refusedField(
      () =>
        receptionist.call(
          'petitions.register',
          petition({
            petitioners: [{ name: '赵建国', idNumber: ZHAO, address: '东岗\u{30000}村', representative: true }],
          }),
        ),
      'petitions',
      'petitioners.0.address',
      /^住址：字“\u{30000}”（位置 3，U\+30000）/u,
    );
    // A private-use code point: old systems' home-made characters, each system its own.
    await refusedField(
      () => clerk.call('residents.register', resident('张\uE000')),
      'residents',
      'name',
      /^姓名：含有私用区字符（位置 2，U\+E000）/,
    );
  });

  test('a paper for an old record holding an unprintable character answers 400 naming the field, not 500', async () => {
    const { petition: saved } = await receptionist.ok('petitions.register', petition());
    // As a record saved before these checks would hold it.
    await hall.backend.db
      .updateTable('petitioners')
      .set({ name: '赵\u0007祥' })
      .where('petition_id', '=', saved.id)
      .execute();
    await hall.backend.db
      .updateTable('petitions')
      .set({ petitioner_names: '赵\u0007祥' })
      .where('id', '=', saved.id)
      .execute();
    const answer = await receptionist.call('petitions.accept', {
      id: saved.id,
      version: saved.version,
      handlingUnit: '镇交通管理站',
    });
    assert.equal(answer.status, 400, JSON.stringify(answer.body));
    assert.ok(!answer.body.ok);
    assert.equal(answer.body.error.code, 'VALIDATION');
    const [[field, message]] = Object.entries(answer.body.error.fieldErrors ?? {}) as [[string, string]];
    assert.match(field, /信访人.*姓名/);
    assert.match(message, /^信访人1?姓名：含有不能打印的控制字符（位置 2，U\+0007）/);
    assert.match(answer.body.error.message, /^文书无法出具：信访人1?姓名：.*U\+0007/);
    const after = await receptionist.ok('petitions.get', { id: saved.id });
    assert.equal(after.status, 'registered', 'nothing was changed');
  });

  test('a dispute party stored with U+202E: the acceptance paper answers 400 naming the party', async () => {
    const { dispute: saved } = await mediator.ok('mediation.registerDispute', dispute());
    await hall.backend.db
      .updateTable('dispute_parties')
      .set({ name: '李\u202E桂芬' })
      .where('dispute_id', '=', saved.id)
      .where('position', '=', 1)
      .execute();
    const answer = await mediator.call('mediation.acceptDispute', { id: saved.id, version: saved.version });
    assert.equal(answer.status, 400, JSON.stringify(answer.body));
    assert.ok(!answer.body.ok && answer.body.error.code === 'VALIDATION');
    assert.match(Object.values(answer.body.error.fieldErrors ?? {}).join(' '), /U\+202E/);
  });

  test('the petition number prefix: refused at save; a stored bad one refuses registration by name, never 500', async () => {
    const settings = {
      counting: {
        acceptance: 'calendarDays',
        handling: 'calendarDays',
        reviewRequest: 'calendarDays',
        review: 'calendarDays',
        reReviewRequest: 'calendarDays',
        reReview: 'calendarDays',
      },
      officeName: '青石镇人民政府',
      reviewBody: '东川县人民政府',
      phone: '',
      numberPrefix: '青信',
    };
    refused(
      await admin.call('petitions.saveSettings', { ...settings, numberPrefix: '青\uD800' }),
      400,
      /^编号字头：含有残缺的字符编码（位置 2，U\+D800）/,
      'numberPrefix',
    );
    refused(
      await admin.call('petitions.saveSettings', { ...settings, numberPrefix: '青\u{30000}' }),
      400,
      /^编号字头：字“\u{30000}”/u,
      'numberPrefix',
    );
    await admin.ok('petitions.saveSettings', settings);

    // Saved before the check (or edited in the database): a lone surrogate survives JSON as \ud800.
    for (const bad of ['青\uD800', '青\u202E信', '青\u{30000}']) {
      await hall.backend.db
        .updateTable('node_settings')
        .set({ value: JSON.stringify({ ...settings, numberPrefix: bad }) })
        .where('key', '=', 'petitions.settings')
        .execute();
      const before = await count('petitions');
      const answer = await receptionist.call('petitions.register', petition());
      refused(answer, 400, /信访设置.*编号字头/);
      assert.match(Object.values(answer.body.ok ? {} : (answer.body.error.fieldErrors ?? {})).join(), /编号字头/);
      assert.equal(await count('petitions'), before);
      // The administrator can still open the settings to put it right.
      const shown = await admin.ok('petitions.settings', {});
      assert.equal(shown.numberPrefix, bad);
    }
    await admin.ok('petitions.saveSettings', settings);
    const { petition: numbered } = await receptionist.ok('petitions.register', petition());
    assert.match(numbered.number ?? '', /^青信〔2026〕\d+号$/);
  });
});
