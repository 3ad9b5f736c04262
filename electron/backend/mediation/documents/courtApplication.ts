import { heading, title, verificationLine } from '../../documents/layout';
import { defineDocument } from '../../documents/registry';
import { partySlots, signatureSlots, signatureSlotsHeight } from './agreement';
import {
  optionalDate,
  partyBlock,
  prose,
  proseHeight,
  SAMPLE_CASE_NUMBER,
  sampleCommittee,
  sampleOrganisation,
  sampleParties,
  sentence,
} from './parts';
import type { CourtApplicationPaper, PartyLines } from './records';

/** `申请人（甲方）`: every party applies, jointly, under the label the agreement gave them. */
function applicantLabel(party: PartyLines): string {
  return `申请人（${party.label}）`;
}

/** What the applicants promise the court (最高人民法院关于人民调解协议司法确认程序的若干规定). */
export const COURT_COMMITMENTS = [
  '申请人出于解决纠纷的目的自愿达成上述调解协议，没有恶意串通、规避法律的行为；',
  '调解协议内容不违反法律、行政法规的强制性规定，不损害国家利益、社会公共利益和他人合法权益；',
  '申请人向人民法院提交的材料真实、合法、有效；',
  '如因调解协议内容给他人造成损害的，申请人愿意承担相应的民事责任和其他法律责任。',
];

/**
 * A4 formal 司法确认申请书 (人民调解法 Art. 33) in the courts' usual form, prepared by the
 * committee for the parties to sign and file jointly: every party as an applicant with their
 * basic information, the request (确认某号人民调解协议有效), the facts and reasons (the
 * agreement, when it took effect, its terms, the joint application within the 30 days that end
 * on `closesOn`), the applicants' commitments, 此致 the court, one place to sign per party and
 * the date left blank for the day they file.
 */
export const mediationCourtApplication = defineDocument<CourtApplicationPaper>({
  type: 'mediationCourtApplication',
  title: '司法确认申请书',
  pageSize: 'a4Formal',
  sample: () => {
    const parties = [...sampleParties(), sampleOrganisation('丙方')];
    return {
      committee: sampleCommittee(),
      caseNumber: SAMPLE_CASE_NUMBER,
      court: '楚雄市人民法院',
      parties,
      agreedOn: '2026-11-20',
      effectiveOn: '2026-11-20',
      closesOn: '2026-12-20',
      terms: [
        '乙方于2026年11月30日前自费在围墙下方恢复排水沟，宽度不小于30厘米，排水走向保持原状',
        '乙方赔偿甲方化肥损失人民币1200元，于本协议生效之日起十日内一次性付清',
        '甲方所欠丙方化肥货款人民币2600元，由甲方于2026年12月31日前付清，丙方不再主张违约金',
      ],
    };
  },
  async render(layout, record) {
    const size = layout.baseSize;
    const committee = record.committee.committeeName;
    const names = record.parties.map((party) => party.name).join('、');
    const agreedOn = optionalDate(record.agreedOn);
    await title(layout, '司法确认申请书');
    for (const party of record.parties) await partyBlock(layout, party, applicantLabel(party));

    await heading(layout, '请求事项');
    await prose(layout, [
      {
        text: `请求依法确认申请人${agreedOn ? `于${agreedOn}` : ''}经${committee}主持调解达成的`,
        field: '请求事项',
      },
      { text: record.caseNumber, field: '案号' },
      { text: '人民调解协议有效。', field: '请求事项' },
    ]);

    await heading(layout, '事实和理由');
    await prose(layout, [
      {
        text: `申请人${names}之间发生纠纷，经${committee}主持调解，${agreedOn ? `于${agreedOn}` : ''}自愿达成${record.caseNumber}人民调解协议，该协议于${optionalDate(record.effectiveOn)}生效。${record.terms.length > 0 ? '协议主要内容如下：' : ''}`,
        field: '事实和理由',
      },
    ]);
    for (const [i, term] of record.terms.entries())
      await prose(layout, [{ text: `${i + 1}．${sentence(term)}`, field: `协议内容第${i + 1}项` }]);
    await prose(layout, [
      {
        text: `根据《中华人民共和国人民调解法》第三十三条的规定，申请人自调解协议生效之日起三十日内（即${optionalDate(record.closesOn)}${record.closesOnProvisional ? '（暂定）' : ''}前）共同向你院申请司法确认，请求依法确认上述调解协议有效。`,
        field: '事实和理由',
      },
    ]);

    await heading(layout, '申请人承诺');
    for (const [i, commitment] of COURT_COMMITMENTS.entries())
      await prose(layout, [{ text: `${i + 1}．${commitment}`, field: '申请人承诺' }]);

    // 此致 / the court: the salutation, kept with the first row of signatures that follows it.
    const slots = record.parties.flatMap((party) => partySlots(party, applicantLabel(party)));
    layout.ensure(
      size * 5 + (await proseHeight(layout, '此致')) + (await signatureSlotsHeight(layout, slots.slice(0, 2))),
    );
    layout.space(size * 0.5);
    await prose(layout, [{ text: '此致', field: '此致' }]);
    await layout.flow([{ text: record.court, field: '人民法院' }], size, layout.left, layout.y);
    layout.space(size * 0.8);
    await prose(layout, [{ text: `附：${record.caseNumber}人民调解协议书一份`, field: '附件' }], size * 0.85);
    layout.space(size * 0.6);
    await signatureSlots(layout, slots);
    const date = '　　　　年　　月　　日';
    const width = await layout.measure([{ text: date, field: '申请日期' }], size);
    await layout.line([{ text: date, field: '申请日期' }], size, layout.right - width - size, layout.ensure(size * 2));
    layout.space(size * 2);
    await verificationLine(layout);
  },
});
