// Pieces the mediation papers share: the committee's heading, the parties (addressed, listed
// with their basic information as Art. 29 asks, or named in one sentence), bordered forms, the
// attachments with their hashes, the parties' other routes, signature lines and the committee's
// seal. Each draws at the layout's cursor like the blocks of the layout kit. At the end, the
// made-up committee and parties the samples (打印样张) are drawn from.
import {
  documentNumber,
  fields,
  heading,
  issuingUnit,
  signatureRow,
  table,
  title,
  type Field,
  type Layout,
  type Segment,
} from '../../documents/layout';
import { mm } from '../../documents/pageSizes';
import { chineseCalendarDate, optionalDate, prose, proseHeight } from '../../documents/paperParts';
import type { AttachmentLine, CommitteeLines, PartyLines } from './records';

// The pieces every domain's papers share live in the documents kit; the mediation papers take
// them from here with the rest.
export {
  addressedTo,
  chineseCalendarDate,
  formTable,
  optionalDate,
  paragraphs,
  prose,
  proseHeight,
  sealedClosing,
  sentence,
  type FormCell,
} from '../../documents/paperParts';

/** Where a party may go when the committee will not mediate (a refusal names them so nobody is left without a route). */
export const OTHER_ROUTES = '可以依法向有关行政机关申请处理、申请仲裁或者向人民法院提起诉讼';

/** Art. 26: the wording of a mediation that ended without agreement. */
export const TERMINATION_ROUTES = '依法通过仲裁、行政、司法等途径维护自己的权利';

/** The committee's name over the paper's title, and the case number under it when there is one. */
export async function committeeHeading(
  layout: Layout,
  committee: CommitteeLines,
  text: string,
  caseNumber = '',
): Promise<void> {
  await issuingUnit(layout, committee.committeeName);
  await title(layout, text);
  if (caseNumber !== '') await documentNumber(layout, caseNumber);
  else layout.space(layout.baseSize * 0.4);
}

/** `男，汉族，1968年5月3日出生，农民，住…`: a party's basic information in one sentence. */
export function partySummary(party: PartyLines): string {
  if (party.kind === 'organisation') {
    const parts = [
      party.idNumber && `统一社会信用代码${party.idNumber}`,
      party.address && `住所${party.address}`,
      party.legalRepresentative &&
        `法定代表人${party.legalRepresentative}${party.legalRepresentativeTitle ? `（${party.legalRepresentativeTitle}）` : ''}`,
      party.phone && `联系电话${party.phone}`,
    ];
    return parts.filter(Boolean).join('，');
  }
  const parts = [
    party.sex,
    party.ethnicity,
    party.birthDate && `${chineseCalendarDate(party.birthDate)}出生`,
    party.occupation,
    party.idNumber && `身份证号码${party.idNumber}`,
    party.address && `住${party.address}`,
    party.phone && `联系电话${party.phone}`,
  ];
  return parts.filter(Boolean).join('，');
}

/** `委托代理人：王五（儿子），联系电话…`, or '' when the party came alone. */
export function agentText(party: PartyLines): string {
  if (party.agentName === '') return '';
  const relation = party.agentRelation ? `（${party.agentRelation}）` : '';
  const phone = party.agentPhone ? `，联系电话${party.agentPhone}` : '';
  return `${party.agentName}${relation}${phone}`;
}

/** The basic-information fields of a party (Art. 29) under its name, in the order the Ministry's forms print them. */
export function partyFields(party: PartyLines): Field[] {
  const items: Field[] =
    party.kind === 'organisation'
      ? [
          // The name is the heading over these fields (partyBlock), not repeated here.
          ...(party.idNumber ? [{ label: '统一社会信用代码', value: party.idNumber, span: 2 }] : []),
          { label: '住所', value: party.address, span: 2 },
          {
            label: '法定代表人',
            value: party.legalRepresentativeTitle
              ? `${party.legalRepresentative}（${party.legalRepresentativeTitle}）`
              : party.legalRepresentative,
          },
          { label: '联系电话', value: party.phone },
        ]
      : [
          { label: '性别', value: party.sex },
          { label: '民族', value: party.ethnicity },
          { label: '出生日期', value: optionalDate(party.birthDate) },
          { label: '职业', value: party.occupation },
          { label: '身份证号码', value: party.idNumber, span: 2 },
          { label: '住址', value: party.address, span: 2 },
          { label: '联系电话', value: party.phone, span: 2 },
        ];
  const agent = agentText(party);
  if (agent !== '') items.push({ label: '委托代理人', value: agent, span: 2 });
  return items;
}

/**
 * A party as the agreement and the application print it: `甲方：张三` as a bold heading (the
 * name its own field), then the basic information in two columns a little smaller than the body.
 */
export async function partyBlock(layout: Layout, party: PartyLines, label = party.label): Promise<void> {
  const size = layout.baseSize;
  const fieldSize = size * 0.8;
  // The heading never stands at the foot of a page without at least one line of its fields.
  layout.ensure(size * 3 + fieldSize * 2);
  await heading(layout, [
    { text: `${label}：`, field: '当事人' },
    { text: party.name, field: `${label}姓名` },
  ]);
  await fields(layout, partyFields(party), 2, fieldSize);
}

/**
 * A party in one compact paragraph, for papers that only need to say who the parties are:
 * `甲方：𠮷祥，男，彝族，…；委托代理人：…`. The name is its own field.
 */
export async function partyLine(layout: Layout, party: PartyLines, size = layout.baseSize * 0.8): Promise<void> {
  const summary = partySummary(party);
  const agent = agentText(party);
  const segments: Segment[] = [
    { text: `${party.label}：`, field: '当事人', role: 'serifBold' },
    { text: party.name, field: `${party.label}姓名`, role: 'serifBold' },
    {
      text: `${summary ? `，${summary}` : ''}${agent ? `；委托代理人${agent}` : ''}。`,
      field: `${party.label}基本情况`,
    },
  ];
  const lineGap = size * 0.35;
  const y = layout.ensure(layout.lineHeight(size) * 2);
  await layout.flow(segments, size, layout.left, y, { width: layout.width, lineGap });
  layout.space(size * 0.5);
}

/** `12.3 KB`: a size the reader can compare with the file in hand. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The full hash in groups of eight, so it wraps inside its cell and can be compared by eye. */
export function groupedHash(sha256: string): string {
  return (
    sha256
      .toLowerCase()
      .match(/.{1,8}/g)
      ?.join(' ') ?? ''
  );
}

/**
 * 附件: the photos and files kept with a record, each with its full SHA-256 so the printed paper
 * proves which file it means. Nothing is drawn when there are none.
 */
export async function attachmentsTable(layout: Layout, attachments: AttachmentLine[]): Promise<void> {
  if (attachments.length === 0) return;
  const size = layout.baseSize * 0.6;
  await heading(layout, '附件');
  await table(layout, {
    size,
    columns: [
      { header: '序号', width: 0.6, align: 'center' },
      { header: '文件名', width: 2.2 },
      { header: '说明', width: 2.4 },
      { header: '大小', width: 1, align: 'right' },
      { header: 'SHA-256', width: 2.6 },
    ],
    rows: attachments.map((attachment, i) => [
      String(i + 1),
      attachment.fileName,
      attachment.caption,
      formatBytes(attachment.sizeBytes),
      groupedHash(attachment.sha256),
    ]),
  });
}

/** Signature lines, at most `perRow` side by side (a row of six would leave no room to sign). */
export async function signatureRows(
  layout: Layout,
  labels: string[],
  options: { fingerprint?: boolean; perRow?: number } = {},
): Promise<void> {
  const perRow = options.perRow ?? (options.fingerprint ? 2 : 3);
  for (let i = 0; i < labels.length; i += perRow) {
    await signatureRow(layout, labels.slice(i, i + perRow), { fingerprint: options.fingerprint });
    layout.space(layout.baseSize * 0.3);
  }
}

/** How far `signatureRows` moves the cursor down (the row height of the kit's `signatureRow`). */
export function signatureRowsHeight(
  layout: Layout,
  count: number,
  options: { fingerprint?: boolean; perRow?: number } = {},
): number {
  const perRow = options.perRow ?? (options.fingerprint ? 2 : 3);
  const rows = Math.ceil(count / perRow);
  return rows * (layout.baseSize * 0.8 * 4.8 + mm(14) + layout.baseSize * 0.3);
}

/**
 * A closing sentence (what the signers confirm) and the first row of signatures under it, kept
 * on one page so no signature stands apart from the text it signs.
 */
export async function confirmedSignatures(
  layout: Layout,
  confirmation: string,
  labels: string[],
  options: { fingerprint?: boolean; perRow?: number } = {},
): Promise<void> {
  const size = layout.baseSize;
  const perRow = options.perRow ?? (options.fingerprint ? 2 : 3);
  const firstRow = signatureRowsHeight(layout, Math.min(labels.length, perRow), options);
  layout.ensure(size * 0.5 + (await proseHeight(layout, confirmation)) + size * 0.3 + firstRow);
  layout.space(size * 0.5);
  await prose(layout, [{ text: confirmation, field: '确认' }]);
  layout.space(size * 0.3);
  await signatureRows(layout, labels, options);
}

/** `甲方 张三`: a signer named on the line so each party signs the line meant for them. */
export function signerLabel(signer: { label: string; name: string }): string {
  return signer.label === '' ? signer.name : `${signer.label} ${signer.name}`;
}

// Sample data (打印样张): one committee of 青石镇 and its parties. Each call returns fresh
// objects, so a sample may change them freely.

export function sampleCommittee(): CommitteeLines {
  return { committeeName: '青石镇人民调解委员会', sealName: '青石镇人民调解委员会', phone: '0871-6512345' };
}

const NO_AGENT = { agentName: '', agentRelation: '', agentPhone: '' };
const NOT_AN_ORGANISATION = { legalRepresentative: '', legalRepresentativeTitle: '' };

/** 甲方 𠮷祥 (a rare character) and 乙方 李秀英, neighbours in 青石村 over a drain and a wall. */
export function sampleParties(): PartyLines[] {
  return [
    {
      label: '甲方',
      side: 'applicant',
      kind: 'person',
      name: '𠮷祥',
      sex: '男',
      ethnicity: '彝族',
      birthDate: '1968-05-03',
      occupation: '农民',
      idNumber: '532301196805031517',
      address: '云南省楚雄州青石镇青石村委会三组27号',
      phone: '13887012345',
      ...NOT_AN_ORGANISATION,
      agentName: '𠮷文军',
      agentRelation: '儿子',
      agentPhone: '13987054321',
    },
    {
      label: '乙方',
      side: 'respondent',
      kind: 'person',
      name: '李秀英',
      sex: '女',
      ethnicity: '汉族',
      birthDate: '1972-11-20',
      occupation: '个体工商户',
      idNumber: '53230119721120302X',
      address: '云南省楚雄州青石镇青石村委会三组29号',
      phone: '15087123456',
      ...NOT_AN_ORGANISATION,
      ...NO_AGENT,
    },
  ];
}

/** 丙方: a shop, for papers that show an organisation's lines. */
export function sampleOrganisation(label = '丙方'): PartyLines {
  return {
    label,
    side: 'respondent',
    kind: 'organisation',
    name: '青石镇金穗农资经营部',
    sex: '',
    ethnicity: '',
    birthDate: '',
    occupation: '',
    idNumber: '92532301MA6K8X2Q4R',
    address: '青石镇集镇兴业路18号',
    phone: '0871-6523088',
    legalRepresentative: '赵德明',
    legalRepresentativeTitle: '经营者',
    ...NO_AGENT,
  };
}

export const SAMPLE_CASE_NUMBER = '（2026）青调字第12号';
export const SAMPLE_MEDIATORS = ['王芳', '杨建华'];

export function sampleAttachments(): AttachmentLine[] {
  return [
    {
      fileName: 'IMG_20261105_093012.jpg',
      caption: '排水沟现场照片（自东向西）',
      sha256: '3f8a1c2e9b7d4f6a0c5e8b1d2a7f9c3e6b0d4a8f2c7e1b9d5a3f6c0e8b2d4a71',
      sizeBytes: 2_457_600,
    },
    {
      fileName: '围墙位置示意图.pdf',
      caption: '村小组长绘制的围墙位置示意图',
      sha256: 'c04b7e19d2a85f3610e7b9c4d8a2f5e1b3c6d9a0e4f7b2c5d8e1a4b7c0d3e6f9',
      sizeBytes: 184_320,
    },
  ];
}
