import { PERIOD_DAYS } from '../../../../shared/petitions/periods';
import { heading, type Layout, type Segment } from '../../documents/layout';
import {
  chineseCalendarDate,
  paragraphs,
  prose,
  proseHeight,
  sealedClosingHeight,
  sentence,
} from '../../documents/paperParts';
import { defineDocument } from '../../documents/registry';
import {
  dueDateText,
  addressedToPetitioners,
  matterOpening,
  officeClosing,
  officeHeading,
  SAMPLE_ACCEPTED_ON,
  sampleNoticeHead,
  SAMPLE_REQUESTS,
  you,
} from './parts';
import type { ReplyRecord } from './records';

const CLOSING = '特此答复。';

/** The findings as typed, opened with 经查 unless the receptionist already wrote 经查/经调查…. */
export function findings(facts: string): string {
  const trimmed = facts.trim();
  return /^经/.test(trimmed) ? trimmed : `经查，${trimmed}`;
}

/**
 * A4 formal 信访事项答复意见书 (件件有回复): the matter and the requests, what was found (经查),
 * the office's opinion and what it rests on, then the right to a review (复查) by the superior
 * body within 30 days of receiving the reply, with the last day when it is received on the day
 * it is written. The office's seal closes it.
 */
export const petitionReply = defineDocument<ReplyRecord>({
  type: 'petitionReply',
  title: '信访事项答复意见书',
  pageSize: 'a4Formal',
  sample: () => ({
    ...sampleNoticeHead(),
    requests: SAMPLE_REQUESTS,
    acceptedOn: SAMPLE_ACCEPTED_ON,
    facts:
      '𠮷建国等六户持有2019年换发的农村土地承包经营权证，证载三组水库边水田12.6亩，承包期至2048年12月31日。2026年3月，三组村民小组以调整机动地为由收回上述水田，另行发包给外村人员种植烤烟，事前未经村民小组会议讨论，也未报镇人民政府批准。\n经镇农村经营管理站会同楚雄市农业农村局实地测量，争议地块实测12.4亩，与权证记载基本一致。',
    opinion:
      '（一）三组村民小组收回六户承包地的行为违反法律规定，应于2027年3月1日前将12.4亩水田返还原承包户耕种。\n（二）六户2026年一季水稻损失由三组村民小组按每亩1200元补偿，共计14880元，于2027年2月10日前付清。\n（三）三组机动地发包情况由青石村委会于2027年2月底前在村务公开栏公开。',
    basis: '《中华人民共和国农村土地承包法》第二十七条、第二十八条；《中华人民共和国村民委员会组织法》第二十四条',
    repliedOn: '2027-01-20',
    reviewBody: '楚雄市人民政府',
    reviewRequestDueOn: '2027-02-19',
  }),
  async render(layout, record) {
    await officeHeading(layout, record.office, '信访事项答复意见书', record.number);
    await addressedToPetitioners(layout, record.petitionerNames);
    const accepted = record.acceptedOn ? `本机关已于${chineseCalendarDate(record.acceptedOn)}受理。` : '';
    const requests = record.requests.trim().replace(/[。；，]$/, '');
    await prose(layout, [
      {
        text: `${matterOpening(record)}${accepted}${requests ? `${you(record.petitionerNames)}的诉求是：` : ''}`,
        field: '答复内容',
      },
      { text: requests ? `${requests}。` : '', field: '信访诉求' },
      { text: '经调查核实，现答复如下：', field: '答复内容' },
    ]);
    await section(layout, '一、调查核实情况', findings(record.facts), '查明情况');
    await section(layout, '二、处理意见', record.opinion, '处理意见');
    if (record.basis.trim() !== '')
      await prose(layout, [
        { text: '以上处理意见的依据：', field: '答复内容' },
        { text: sentence(record.basis), field: '政策法规依据' },
      ]);
    // The review right is the last of the text: it goes with the seal, so the seal never
    // stands on a page of its own (GB/T 9704: 印章与正文同处一面).
    const review: Segment[] = [
      {
        text: `如对本答复意见不服，可自收到本答复意见书之日起${PERIOD_DAYS.reviewRequest}日内向`,
        field: '复查告知',
      },
      { text: record.reviewBody, field: '复查机关' },
      {
        text: `请求复查（${chineseCalendarDate(record.repliedOn)}收到本答复意见书的，请求复查的期限至`,
        field: '复查告知',
      },
      { text: dueDateText(record.reviewRequestDueOn, record.provisionalYears), field: '复查请求期限' },
      { text: '止）。', field: '复查告知' },
    ];
    layout.ensure((await proseHeight(layout, review)) + (await sealedClosingHeight(layout, CLOSING)));
    await prose(layout, review);
    await officeClosing(layout, record.office, record.repliedOn, CLOSING);
  },
});

/** A numbered heading kept with the first lines of its text, then the text a paragraph per line. */
async function section(layout: Layout, title: string, text: string, field: string): Promise<void> {
  layout.ensure(layout.baseSize * 6);
  await heading(layout, title);
  await paragraphs(layout, text, field);
}
