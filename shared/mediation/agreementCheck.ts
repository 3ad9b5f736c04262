// What 人民调解法 Art. 29 requires of a written agreement, checked before it is printed: the
// parties' basic information, the facts, the disputed matters and responsibilities, the agreed
// terms and how and by when they are performed. Shared so the screen can show what is missing
// as the mediator types and the backend refuses the same things.
import type { PartyKind, PartySide } from './disputes';

export interface AgreementPartyFacts {
  label: string;
  side: PartySide;
  kind: PartyKind;
  name: string;
  sex: string | null;
  ethnicity: string;
  birthDate: string | null;
  occupation: string;
  /** The number or its masked form: only its presence matters here. */
  idNumber: string;
  address: string;
  phone: string;
  legalRepresentative: string;
}

export interface AgreementFacts {
  facts: string;
  disputedMatters: string;
  responsibilities: string;
  terms: readonly string[];
  performanceManner: string;
  performanceDueOn: string | null | undefined;
}

export interface MissingElement {
  /** The field of the draft (`agreement.performanceDueOn`) or the party (`parties.1.ethnicity`). */
  field: string;
  /** 履行期限, 乙方李四的民族 … */
  element: string;
}

const PERSON_ELEMENTS: ReadonlyArray<[keyof AgreementPartyFacts, string]> = [
  ['sex', '性别'],
  ['ethnicity', '民族'],
  ['birthDate', '出生日期'],
  ['occupation', '职业'],
  ['idNumber', '身份证号码'],
  ['address', '住址'],
  ['phone', '联系电话'],
];
const ORGANISATION_ELEMENTS: ReadonlyArray<[keyof AgreementPartyFacts, string]> = [
  ['address', '住所'],
  ['legalRepresentative', '法定代表人'],
];
const DRAFT_ELEMENTS: ReadonlyArray<[keyof AgreementFacts, string]> = [
  ['facts', '纠纷主要事实'],
  ['disputedMatters', '争议事项'],
  ['responsibilities', '各方责任'],
  ['terms', '协议内容（至少一条）'],
  ['performanceManner', '履行方式'],
  ['performanceDueOn', '履行期限'],
];

function blank(value: unknown): boolean {
  if (Array.isArray(value)) return value.filter((v) => String(v).trim() !== '').length === 0;
  return value === null || value === undefined || String(value).trim() === '';
}

/** Every element the agreement still lacks, in the order the paper prints them. */
export function missingAgreementElements(
  parties: readonly AgreementPartyFacts[],
  agreement: AgreementFacts | null,
  mediatorCount: number,
): MissingElement[] {
  const missing: MissingElement[] = [];
  if (!parties.some((p) => p.side === 'applicant')) missing.push({ field: 'parties', element: '申请方当事人' });
  if (!parties.some((p) => p.side === 'respondent')) missing.push({ field: 'parties', element: '被申请方当事人' });
  parties.forEach((party, i) => {
    const elements = party.kind === 'person' ? PERSON_ELEMENTS : ORGANISATION_ELEMENTS;
    for (const [key, label] of elements)
      if (blank(party[key]))
        missing.push({ field: `parties.${i}.${key}`, element: `${party.label}${party.name}的${label}` });
  });
  for (const [key, label] of DRAFT_ELEMENTS)
    if (blank(agreement?.[key])) missing.push({ field: `agreement.${key}`, element: label });
  if (mediatorCount === 0) missing.push({ field: 'mediators', element: '调解员（尚未指派）' });
  return missing;
}
