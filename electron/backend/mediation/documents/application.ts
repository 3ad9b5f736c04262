import { fields, heading } from '../../documents/layout';
import { defineDocument } from '../../documents/registry';
import {
  chineseCalendarDate,
  committeeHeading,
  paragraphs,
  partyBlock,
  prose,
  sampleCommittee,
  sampleOrganisation,
  sampleParties,
  sentence,
  signatureRows,
  signerLabel,
} from './parts';
import type { ApplicationRecord, PartyLines } from './records';

/** `申请人`, or `申请人一` … when there are several, so each block and signature line is told apart. */
function numbered(role: string, parties: PartyLines[], index: number): string {
  const NUMERALS = '一二三四五六七八九十';
  return parties.length > 1 ? `${role}${NUMERALS[index] ?? index + 1}` : role;
}

/** The parties' names joined for a sentence: 李秀英、青石镇金穗农资经营部. */
function names(parties: PartyLines[]): string {
  return parties.map((party) => party.name).join('、');
}

/**
 * A4 formal 人民调解申请书: who applies against whom with their basic information, what the
 * dispute is and the request to mediate, signed (and fingerprinted) by every applicant. An oral
 * application is written down by the mediator, and the paper says so above the signatures.
 */
export const mediationApplication = defineDocument<ApplicationRecord>({
  type: 'mediationApplication',
  title: '人民调解申请书',
  pageSize: 'a4Formal',
  sample: () => {
    const [applicant, respondent] = sampleParties();
    return {
      committee: sampleCommittee(),
      source: 'oralApplication',
      applicants: [{ ...applicant!, label: '申请人' }],
      respondents: [
        { ...respondent!, label: '被申请人' },
        { ...sampleOrganisation('被申请人'), side: 'respondent' },
      ],
      category: '邻里纠纷',
      facts:
        '申请人与被申请人李秀英系青石村三组相邻住户。2026年10月，李秀英在两家之间加砌围墙，将原有排水沟填埋，致雨水倒灌申请人家院坝和厨房，损坏存放的化肥十余袋（化肥系向被申请人青石镇金穗农资经营部赊购）。双方经村小组长协调未果，矛盾有激化趋势。',
      registeredOn: '2026-11-02',
      registeredByName: '王芳',
    };
  },
  async render(layout, record) {
    const size = layout.baseSize;
    await committeeHeading(layout, record.committee, '人民调解申请书');
    for (const [i, party] of record.applicants.entries())
      await partyBlock(layout, party, numbered('申请人', record.applicants, i));
    for (const [i, party] of record.respondents.entries())
      await partyBlock(layout, party, numbered('被申请人', record.respondents, i));
    layout.space(size * 0.3);
    await fields(layout, [{ label: '纠纷类别', value: record.category }], 1);
    await heading(layout, '纠纷简要情况');
    await paragraphs(layout, record.facts, '纠纷简要情况');
    await heading(layout, '申请事项');
    const respondents = names(record.respondents);
    await prose(layout, [
      {
        text: `请求${record.committee.committeeName}依法对申请人${names(record.applicants)}与被申请人${respondents}之间的${record.category}进行调解。申请人自愿接受人民调解，保证如实陈述纠纷事实，遵守调解秩序。`,
        field: '申请事项',
      },
    ]);
    if (record.source === 'oralApplication')
      await prose(layout, [
        {
          text: sentence(`本申请系申请人口头提出，由调解员代为记录（记录人：${record.registeredByName}）`),
          field: '记录人',
        },
      ]);
    // 此致 / the committee: the salutation of a letter, kept with the signatures that follow it.
    layout.ensure(size * 4 + size * 6);
    layout.space(size * 0.5);
    await prose(layout, [{ text: '此致', field: '此致' }]);
    await layout.flow([{ text: record.committee.committeeName, field: '调解委员会' }], size, layout.left, layout.y);
    layout.space(size);
    await signatureRows(
      layout,
      record.applicants.map((party, i) =>
        signerLabel({ label: numbered('申请人', record.applicants, i), name: party.name }),
      ),
      { fingerprint: true },
    );
    const date = `申请日期：${chineseCalendarDate(record.registeredOn)}`;
    const width = await layout.measure([{ text: date, field: '申请日期' }], size);
    await layout.line([{ text: date, field: '申请日期' }], size, layout.right - width, layout.ensure(size * 2));
    layout.space(size * 2);
  },
});
