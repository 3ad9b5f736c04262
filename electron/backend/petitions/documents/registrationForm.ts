import { issuingUnit, table, title, type Layout } from '../../documents/layout';
import { chineseCalendarDate, formTable, optionalDate, type FormCell } from '../../documents/paperParts';
import { defineDocument } from '../../documents/registry';
import {
  dueDateText,
  datesInChinese,
  SAMPLE_MATTER_SUMMARY,
  SAMPLE_NUMBER,
  SAMPLE_REQUESTS,
  sampleOffice,
  samplePetitioners,
} from './parts';
import type { RegistrationFormRecord } from './records';

/** What the petitioner confirms by signing the form. */
export const CHECKED_BY_PETITIONER = '以上登记内容经本人核对无误。';

/**
 * A4 formal 信访登记表, printed at registration for the petitioner to check and sign: how and
 * when the petition came, the people (a table, since a group visit brings many), a letter's
 * envelope, where it came from, the matter and the requests (long text runs on over pages under
 * `信访事项（续）`), the leader who received it, repeat and level-skipping, and the day the
 * acceptance decision is due. The petitioner's signature and the receptionist close it.
 */
export const petitionRegistrationForm = defineDocument<RegistrationFormRecord>({
  type: 'petitionRegistrationForm',
  title: '信访登记表',
  pageSize: 'a4Formal',
  sample: () => ({
    office: sampleOffice(),
    number: SAMPLE_NUMBER,
    channelLabel: '来访',
    receivedOn: '2026-11-02',
    receivedAt: '09:30',
    peopleCount: 6,
    groupVisit: true,
    petitioners: samplePetitioners(),
    letter: null,
    sourceLabel: '本级接待（来访、来信）',
    handedDown: '',
    categoryLabel: '农村农业（土地承包、宅基地）',
    matter: `${SAMPLE_MATTER_SUMMARY}。2026年3月，三组村民小组以“调整机动地”为由，将𠮷建国等六户在三组水库边承包的水田共12.6亩收回，另行发包给外村人员种植烤烟，未召开村民小组会议讨论，也未与承包户协商。六户持有2019年换发的农村土地承包经营权证，承包期至2048年。此前曾于2026年5月向镇政府反映，村委会答应协调但至今未解决。`,
    requests: SAMPLE_REQUESTS,
    place: '青石村 三组水库边',
    departmentConcerned: '青石村委会三组村民小组',
    receivingLeader: '镇长 李明（领导接访日）',
    repeat: '是（此前：青信〔2026〕3号）',
    skipped: '',
    acceptanceDueOn: '2026-11-17',
    registeredByName: '王芳',
  }),
  async render(layout, record) {
    const size = layout.baseSize * 0.75;
    // Room for the longest label on one line (受理告知期限).
    const labelChars = 6.2;
    const letter = record.channelLabel === '来信';
    const representatives = record.petitioners.filter((p) => p.representative).length;
    await issuingUnit(layout, record.office.officeName);
    await title(layout, '信访登记表');
    await numberLine(layout, record.number, size);

    const head: FormCell[][] = [
      [
        { label: '信访形式', value: record.channelLabel },
        {
          label: letter ? '收信日期' : '来访时间',
          value: [chineseCalendarDate(record.receivedOn), record.receivedAt].filter(Boolean).join(' '),
        },
      ],
      [
        { label: letter ? '署名人数' : '来访人数', value: `${record.peopleCount}人` },
        {
          label: '集体访',
          value: record.groupVisit ? `是（推选代表${representatives}人）` : '否',
        },
      ],
      [
        { label: '重复信访', value: record.repeat },
        { label: '越级情况', value: record.skipped || '无' },
      ],
    ];
    if (record.letter)
      head.push(
        [
          { label: '邮戳日期', value: optionalDate(record.letter.postmarkOn) },
          { label: '信件页数', value: record.letter.pages ? `${record.letter.pages}页` : '' },
        ],
        [
          { label: '寄信地址', value: record.letter.fromAddress },
          { label: '邮件单号', value: record.letter.mailNumber },
        ],
      );
    // The three parts join into one bordered form: no gap between them.
    await formTable(layout, head, { size, labelChars, spaceAfter: 0 });
    const peopleSize = layout.baseSize * 0.65;
    await table(layout, {
      size: peopleSize,
      columns: [
        { header: '姓名', width: 1.3, align: 'center' },
        { header: '性别', width: 0.9, align: 'center' },
        { header: '身份证号码', width: 3.0 },
        { header: '联系电话', width: 2.0 },
        { header: '住址', width: 3.5 },
        { header: '代表', width: 0.9, align: 'center' },
      ],
      rows: record.petitioners.map((p) => [
        p.name,
        p.sex,
        p.idNumber,
        p.phone,
        p.address,
        p.representative ? '是' : '',
      ]),
    });
    // `table` leaves this much space under itself (blocks.ts).
    layout.space(-peopleSize * 0.8);
    const source: FormCell[][] = [[{ label: '信访来源', value: record.sourceLabel, span: 2 }]];
    if (record.handedDown) source.push([{ label: '转送交办', value: datesInChinese(record.handedDown), span: 2 }]);
    await formTable(
      layout,
      [
        ...source,
        [
          { label: '内容分类', value: record.categoryLabel },
          { label: '涉及单位', value: record.departmentConcerned || '无' },
        ],
        [
          { label: '问题发生地', value: record.place },
          { label: '接访领导', value: record.receivingLeader || '无' },
        ],
        [{ label: '信访事项', value: record.matter, span: 2 }],
        [{ label: '信访诉求', value: record.requests || '无', span: 2 }],
      ],
      { size, labelChars, spaceAfter: 0 },
    );
    // The last row goes with the signature: a page never starts with the signature alone.
    layout.ensure(size * 2.4 + signatureHeight(layout));
    await formTable(
      layout,
      [
        [
          { label: '受理告知期限', value: `${dueDateText(record.acceptanceDueOn, record.provisionalYears)}前` },
          { label: '登记人', value: record.registeredByName },
        ],
      ],
      { size, labelChars, spaceAfter: size * 0.5 },
    );
    await petitionerSignature(layout, record.registeredByName);
  },
});

/**
 * `以上登记内容经本人核对无误。`, then `信访人（签名）：____ 年 月 日` with `接待人：王芳` at the
 * right of the same line, kept on one page so the signature never stands apart from the form.
 */
function signatureHeight(layout: Layout): number {
  return layout.baseSize * 0.8 * 4;
}

async function petitionerSignature(layout: Layout, receptionistName: string): Promise<void> {
  const { doc } = layout;
  const size = layout.baseSize * 0.8;
  const signY = layout.ensure(signatureHeight(layout)) + size * 2;
  await layout.line([{ text: CHECKED_BY_PETITIONER, field: '确认' }], size, layout.left, signY - size * 2);
  const label = await layout.line(
    [{ text: '信访人（签名）：', field: '签名', role: 'serifBold' }],
    size,
    layout.left,
    signY,
  );
  const receptionist = [
    { text: '接待人：', field: '接待人', role: 'serifBold' as const },
    { text: receptionistName, field: '接待人' },
  ];
  const receptionistWidth = await layout.measure(receptionist, size);
  const date = '　年　　月　　日';
  const dateWidth = await layout.measure([{ text: date, field: '日期' }], size);
  const dateX = layout.right - receptionistWidth - size * 2 - dateWidth;
  doc
    .lineWidth(0.6)
    .strokeColor('black')
    .moveTo(layout.left + label, signY + size * 1.1)
    .lineTo(dateX - size * 0.5, signY + size * 1.1)
    .stroke();
  await layout.line([{ text: date, field: '日期' }], size, dateX, signY);
  await layout.line(receptionist, size, layout.right - receptionistWidth, signY);
  layout.y = signY + size * 2;
}

/** `编号：青信〔2026〕12号` at the right, just over the form. */
async function numberLine(layout: Layout, number: string, size: number): Promise<void> {
  const segments = [
    { text: '编号：', field: '编号', role: 'serifBold' as const },
    { text: number, field: '编号' },
  ];
  const y = layout.ensure(size * 2);
  await layout.line(segments, size, layout.right - (await layout.measure(segments, size)), y);
  layout.y = y + size * 1.6;
}
