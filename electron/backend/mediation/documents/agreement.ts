import { fingerprintBox, heading, sealArea, verificationLine, type Layout, type Segment } from '../../documents/layout';
import { mm } from '../../documents/pageSizes';
import { defineDocument } from '../../documents/registry';
import { isIncluded, startPageGroup } from '../../documents/render';
import {
  chineseCalendarDate,
  committeeHeading,
  optionalDate,
  partyBlock,
  prose,
  proseHeight,
  SAMPLE_CASE_NUMBER,
  SAMPLE_MEDIATORS,
  sampleCommittee,
  sampleOrganisation,
  sampleParties,
  sentence,
} from './parts';
import type { AgreementPaper, PartyLines } from './records';

const DIGITS = '零一二三四五六七八九';

/** 4 → 四, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三: a count in a sentence (一式四份). */
export function chineseCount(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** Art. 31 as the agreement states it: how many copies, who keeps them, when it takes effect. */
export function copiesSentence(copies: number): string {
  return (
    `本协议一式${chineseCount(copies)}份，当事人各执一份，人民调解委员会留存一份，` +
    '自各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章之日起生效。'
  );
}

/**
 * Whose each copy drawn is: the first is the committee's (留存), then one per party in order
 * (副本, 甲方 张三 执); copies beyond the parties are plain 副本. `printedCopies`, when set, says
 * how many of the `copies` to draw (the first ones).
 */
export function copyMarks(
  record: Pick<AgreementPaper, 'committee' | 'parties' | 'copies' | 'printedCopies'>,
): string[] {
  return Array.from({ length: Math.max(1, record.printedCopies ?? record.copies) }, (_, k) => {
    if (k === 0) return `${record.committee.committeeName}留存`;
    const party = record.parties[k - 1];
    return party ? `副本\u3000${party.label} ${party.name} 执` : '副本';
  });
}

/** One place to sign: what is printed over the line, and a fingerprint box at its end when asked. */
export interface SignatureSlot {
  label: Segment[];
  fingerprint?: boolean;
}

const SLOT_BOX_MM = 14;
/** Below a row's line, in text sizes: room for the fingerprint box's caption. */
const SLOT_GAP = 0.9;

/**
 * A slot for `甲方 张三（签名或按指印）` and the like: the role in bold, the name its own field;
 * without a name (a line for whoever holds the post) `调委会主任（签名）`.
 */
export function slot(role: string, name: string, how: string, fingerprint = false): SignatureSlot {
  return {
    label: [
      { text: name === '' ? role : `${role} `, field: '签名方', role: 'serifBold' },
      ...(name === '' ? [] : [{ text: name, field: `${role}姓名` }]),
      { text: `（${how}）`, field: '签名方式' },
    ],
    fingerprint,
  };
}

/** The signature slots of a party: a person signs (and fingerprints); an organisation seals and its legal representative signs; an agent signs too. */
export function partySlots(party: PartyLines, role = party.label): SignatureSlot[] {
  const slots =
    party.kind === 'organisation'
      ? [slot(role, party.name, '盖章'), slot(`${role}法定代表人`, party.legalRepresentative, '签名')]
      : [slot(role, party.name, '签名或按指印', true)];
  if (party.agentName !== '') slots.push(slot(`${role}委托代理人`, party.agentName, '签名或按指印', true));
  return slots;
}

function slotSize(layout: Layout): number {
  return layout.baseSize * 0.8;
}

export interface SlotsOptions {
  /** Slots side by side (default 2). */
  columns?: number;
  /** Width of the block, from the left of the text block (default: all of it). */
  width?: number;
}

/** Height of one row of slots: the tallest label, room to sign (a fingerprint box's height when there is one) and a gap. */
async function slotRowHeight(layout: Layout, row: SignatureSlot[], column: number): Promise<number> {
  const size = slotSize(layout);
  let label = 0;
  for (const item of row) label = Math.max(label, await layout.heightOf(item.label, size, { width: column - size }));
  const room = row.some((item) => item.fingerprint) ? mm(SLOT_BOX_MM) : size * 2;
  return label + room + SLOT_GAP * size;
}

/** How far `signatureSlots` moves the cursor down. */
export async function signatureSlotsHeight(
  layout: Layout,
  slots: SignatureSlot[],
  options: SlotsOptions = {},
): Promise<number> {
  const columns = options.columns ?? 2;
  const column = (options.width ?? layout.width) / columns;
  let height = 0;
  for (let i = 0; i < slots.length; i += columns)
    height += await slotRowHeight(layout, slots.slice(i, i + columns), column);
  return height;
}

/**
 * Places to sign, `columns` side by side: the label (wrapped within its column), room to sign
 * and a line, with a fingerprint box at the line's end when asked. A row never breaks.
 */
export async function signatureSlots(
  layout: Layout,
  slots: SignatureSlot[],
  options: SlotsOptions = {},
): Promise<void> {
  const { doc } = layout;
  const size = slotSize(layout);
  const columns = options.columns ?? 2;
  const column = (options.width ?? layout.width) / columns;
  const box = mm(SLOT_BOX_MM);
  for (let i = 0; i < slots.length; i += columns) {
    const row = slots.slice(i, i + columns);
    const height = await slotRowHeight(layout, row, column);
    const top = layout.ensure(height);
    const lineY = top + height - SLOT_GAP * size;
    for (const [j, item] of row.entries()) {
      const x = layout.left + j * column;
      await layout.flow(item.label, size, x, top, { width: column - size });
      const end = x + column - size * 1.5;
      const lineEnd = item.fingerprint ? end - box - size * 0.5 : end;
      doc.save().lineWidth(0.6).strokeColor('black').moveTo(x, lineY).lineTo(lineEnd, lineY).stroke().restore();
      if (item.fingerprint) await fingerprintBox(layout, end - box, lineY - box, SLOT_BOX_MM);
    }
    layout.y = top + height;
  }
}

/** Height of the committee's seal area (`sealArea` with a date). */
export function sealHeight(layout: Layout): number {
  return mm(42) + layout.baseSize * 0.85 * 2;
}

/**
 * The committee's side of the signing part as the Ministry's format has it: the mediators' and
 * the recorder's signatures in the left half, the seal with the date beside them at the right.
 */
export async function staffAndSeal(
  layout: Layout,
  staff: SignatureSlot[],
  committee: { sealName: string },
  date: string,
): Promise<void> {
  const half = { columns: 1, width: layout.width / 2 };
  const height = Math.max(await signatureSlotsHeight(layout, staff, half), sealHeight(layout));
  if (height > layout.bottom - layout.doc.page.margins.top) {
    // More signatures than a page holds beside the seal: one after the other.
    await signatureSlots(layout, staff);
    await sealArea(layout, committee.sealName, { date });
    return;
  }
  const top = layout.ensure(height);
  await signatureSlots(layout, staff, half);
  layout.y = top;
  await sealArea(layout, committee.sealName, { date });
  layout.y = top + height;
}

/** Text that may hold several paragraphs (typed with line breaks), each as body text. */
async function paragraphs(layout: Layout, text: string, field: string): Promise<void> {
  for (const part of text.split(/\n+/).filter((line) => line.trim() !== ''))
    await prose(layout, [{ text: part.trim(), field }]);
}

/** `争议事项：…` with the lead in bold. */
async function labelled(layout: Layout, label: string, text: string, field: string): Promise<void> {
  const [first = '', ...rest] = text.split(/\n+/).filter((line) => line.trim() !== '');
  await prose(layout, [
    { text: `${label}：`, field, role: 'serifBold' },
    { text: first.trim(), field },
  ]);
  for (const part of rest) await prose(layout, [{ text: part.trim(), field }]);
}

/** One full copy of the agreement, from the committee's heading to the seal. */
async function drawAgreement(layout: Layout, record: AgreementPaper): Promise<void> {
  const size = layout.baseSize;
  await committeeHeading(layout, record.committee, '人民调解协议书', record.caseNumber);
  for (const party of record.parties) await partyBlock(layout, party);

  await heading(layout, '一、纠纷主要事实');
  await paragraphs(layout, record.facts, '纠纷主要事实');
  await heading(layout, '二、争议事项及各方责任');
  await labelled(layout, '争议事项', record.disputedMatters, '争议事项');
  await labelled(layout, '各方责任', record.responsibilities, '各方责任');
  await heading(layout, '三、协议内容');
  await prose(layout, [
    {
      text: `经${record.committee.committeeName}主持调解，各方当事人自愿达成如下协议：`,
      field: '协议内容',
    },
  ]);
  for (const [i, term] of record.terms.entries())
    await prose(layout, [{ text: `${i + 1}．${sentence(term)}`, field: `协议内容第${i + 1}项` }]);
  await heading(layout, '四、履行方式、时限');
  await paragraphs(layout, sentence(record.performanceManner), '履行方式');
  if (record.performanceDueOn !== '')
    await prose(layout, [
      { text: '本协议约定的义务于', field: '履行时限' },
      { text: chineseCalendarDate(record.performanceDueOn), field: '履行期限' },
      { text: '前履行完毕。', field: '履行时限' },
    ]);

  // The copies sentence opens the signing part; the signatures, the seal and the date follow it
  // on one page when they fit on one (a signature should not stand apart from what it signs).
  const closing = copiesSentence(record.copies);
  const parties = record.parties.flatMap((party) => partySlots(party));
  const staff = [
    ...record.mediatorNames.map((name) => slot('人民调解员', name, '签名')),
    ...(record.recorder ? [slot('记录人', record.recorder, '签名')] : []),
  ];
  const closingHeight = (await proseHeight(layout, closing)) + size * 0.6;
  const staffHeight = Math.max(
    await signatureSlotsHeight(layout, staff, { columns: 1, width: layout.width / 2 }),
    sealHeight(layout),
  );
  const signing =
    closingHeight + (await signatureSlotsHeight(layout, parties)) + size * 0.4 + staffHeight + VERIFICATION_HEIGHT;
  const pageRoom = layout.bottom - layout.doc.page.margins.top;
  // Too many parties for one page: at least the sentence and the first row go together.
  layout.ensure(
    signing <= pageRoom ? signing : closingHeight + (await signatureSlotsHeight(layout, parties.slice(0, 2))),
  );
  await prose(layout, [{ text: closing, field: '份数及生效' }]);
  layout.space(size * 0.6);
  await signatureSlots(layout, parties);
  layout.space(size * 0.4);
  await staffAndSeal(layout, staff, record.committee, optionalDate(record.agreedOn));
  await verificationLine(layout);
}

/** What `verificationLine` takes at its default size. */
const VERIFICATION_HEIGHT = 20;

function sampleAgreementPaper(): AgreementPaper {
  const parties = [...sampleParties(), sampleOrganisation('丙方')];
  return {
    committee: sampleCommittee(),
    caseNumber: SAMPLE_CASE_NUMBER,
    parties,
    facts:
      '甲乙双方系青石村三组相邻住户。2026年10月，乙方在两家之间加砌围墙，将原有排水沟填埋，致雨水倒灌甲方院坝和厨房，损坏甲方存放的化肥十二袋（系甲方向丙方赊购，货款尚未结清）。双方为此多次争吵，经村小组长协调未果。',
    disputedMatters: '排水沟是否恢复、由谁恢复；甲方化肥损失由谁承担；甲方所欠丙方化肥货款如何结清。',
    responsibilities:
      '乙方加砌围墙时未给排水留出通道，对雨水倒灌负主要责任；甲方化肥堆放于低洼处，对损失扩大负次要责任；丙方对本纠纷无过错。',
    terms: [
      '乙方于2026年11月30日前自费在围墙下方恢复排水沟，宽度不小于30厘米，排水走向保持原状',
      '乙方赔偿甲方化肥损失人民币1200元，于本协议生效之日起十日内一次性付清',
      '甲方所欠丙方化肥货款人民币2600元，由甲方于2026年12月31日前付清，丙方不再主张违约金',
      '各方就本纠纷再无其他争议，今后互谅互让、和睦相处',
    ],
    performanceManner: '以现金或银行转账方式支付，由收款方出具收条；排水沟恢复后由调解员与村小组长现场查验',
    performanceDueOn: '2026-12-31',
    copies: parties.length + 1,
    mediatorNames: [...SAMPLE_MEDIATORS],
    recorder: '李明',
    agreedOn: '2026-11-20',
  };
}

/**
 * A4 formal 人民调解协议书 (Art. 29): the parties' basic information, the facts, the disputed
 * matters and each party's responsibility, the terms, how and by when they are performed, and
 * the signing part (Art. 31). The file holds `copies` full copies, each from a new page with its
 * own page numbers: the committee's (留存) first, then one per party, each marked 副本 across
 * every page and naming its holder at the top. Inside a case file (`isIncluded`), or with
 * `printedCopies: 1`, only the committee's copy.
 */
export const mediationAgreement = defineDocument<AgreementPaper>({
  type: 'mediationAgreement',
  title: '人民调解协议书',
  pageSize: 'a4Formal',
  sample: sampleAgreementPaper,
  async render(layout, record) {
    const marks = isIncluded(layout) ? [null] : copyMarks(record);
    for (const [k, mark] of marks.entries()) {
      if (mark !== null) startPageGroup(layout, k === 0 ? { mark } : { mark, watermark: '副本' });
      await drawAgreement(layout, record);
    }
  },
});
