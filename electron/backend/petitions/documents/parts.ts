// Pieces the petition papers share: the office's heading with the petition's number, the
// petitioners addressed, the matter named in the opening sentence and the office's seal under a
// notice. At the end, the made-up office, petitioners and matter of 青石镇 the samples (打印样张)
// are drawn from.
import { documentNumber, issuingUnit, title, type Layout } from '../../documents/layout';
import { addressedTo, chineseCalendarDate, sealedClosing } from '../../documents/paperParts';
import type { PetitionerLines, PetitionOfficeLines } from './records';

/** The office's name over the paper's title, and the petition's number under it. */
export async function officeHeading(
  layout: Layout,
  office: PetitionOfficeLines,
  text: string,
  number: string,
): Promise<void> {
  await issuingUnit(layout, office.officeName);
  await title(layout, text);
  await documentNumber(layout, number);
}

/** `𠮷建国、李桂芬：`, each name its own field (`信访人2姓名`) so a missing glyph names the person. */
export function addressedToPetitioners(layout: Layout, names: string[]): Promise<void> {
  return addressedTo(layout, names, { role: '信访人' });
}

/** A deadline as a paper prints it: `2027年2月9日`, with （暂定） in a year still provisional. */
export function dueDateText(date: string, provisionalYears: readonly number[] = []): string {
  return `${chineseCalendarDate(date)}${provisionalYears.includes(Number(date.slice(0, 4))) ? '（暂定）' : ''}`;
}

/** 你 to one petitioner, 你们 to several. */
export function you(names: readonly string[]): string {
  return names.length > 1 ? '你们' : '你';
}

/**
 * `你们于2026年11月2日提出的信访事项（……），`: the opening every notice shares. The summary
 * is the matter's first characters, so a cut one keeps its ellipsis and loses a closing 。.
 */
export function matterOpening(record: { petitionerNames: string[]; receivedOn: string; matterSummary: string }) {
  const summary = record.matterSummary.trim().replace(/[。；，]$/, '');
  return `${you(record.petitionerNames)}于${chineseCalendarDate(record.receivedOn)}提出的信访事项（${summary}），`;
}

/** The office's seal and the date at the foot of a notice, its phone at the left when set. */
export function officeClosing(
  layout: Layout,
  office: PetitionOfficeLines,
  date: string,
  closing = '特此告知。',
): Promise<void> {
  return sealedClosing(layout, { sealName: office.officeName, phone: office.phone }, date, closing);
}

/** `2026-11-02` anywhere in a line (the handed-down line) written out as `2026年11月2日`. */
export function datesInChinese(text: string): string {
  return text.replace(/\d{4}-\d{2}-\d{2}/g, (date) => chineseCalendarDate(date));
}

// Sample data (打印样张): 青石镇 and six villagers of 青石村 whose land contract was cut short.
// Each call returns fresh objects, so a sample may change them freely.

export const SAMPLE_NUMBER = '青信〔2026〕12号';

export function sampleOffice(): PetitionOfficeLines {
  return { officeName: '青石镇人民政府', phone: '0871-6512000' };
}

/** The first two are the representatives the group chose; 𠮷建国 has a rare character. */
export function samplePetitioners(): PetitionerLines[] {
  return [
    {
      name: '𠮷建国',
      sex: '男',
      idNumber: '532301196203151219',
      phone: '13887016688',
      address: '云南省楚雄州青石镇青石村委会三组12号',
      representative: true,
    },
    {
      name: '李桂芬',
      sex: '女',
      idNumber: '532301197008220949',
      phone: '15987120033',
      address: '云南省楚雄州青石镇青石村委会三组15号',
      representative: true,
    },
    {
      name: '张德福',
      sex: '男',
      idNumber: '532301195811300711',
      phone: '13708781245',
      address: '云南省楚雄州青石镇青石村委会三组3号',
      representative: false,
    },
  ];
}

export const SAMPLE_MATTER_SUMMARY =
  '青石村三组村民反映村民小组在二轮延包中将其承包的水田12.6亩收回另行发包，要求恢复承包经营权并补偿损失';

export const SAMPLE_REQUESTS = '恢复三组水库边12.6亩水田的承包经营权；赔偿2026年一季水稻损失；公开三组机动地发包情况。';

/** The two representatives, as the notices to a group visit are addressed. */
export function sampleAddressees(): string[] {
  return samplePetitioners()
    .filter((p) => p.representative)
    .map((p) => p.name);
}

/** The day the sample petition was accepted (received on 2 November). */
export const SAMPLE_ACCEPTED_ON = '2026-11-05';

/** What every notice of the sample petition opens with: the office, the number, who, when, what. */
export function sampleNoticeHead() {
  return {
    office: sampleOffice(),
    number: SAMPLE_NUMBER,
    petitionerNames: sampleAddressees(),
    receivedOn: '2026-11-02',
    matterSummary: SAMPLE_MATTER_SUMMARY,
  };
}
