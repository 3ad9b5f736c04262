// The parties of the mediation tests' neighbour dispute: two persons with every Art. 29 field
// (one name with a rare character) and a company with its legal representative and an agent;
// and the township's committee that mediates it.
import type { CommitteeInput } from '../../shared/mediation/committees';
import type { PartyInput } from '../../shared/mediation/disputesApi';
import { residentId } from './ids';

export const zhang: PartyInput = {
  side: 'applicant',
  kind: 'person',
  name: '张𠮷祥',
  sex: 'male',
  ethnicity: '汉族',
  birthDate: '1971-03-08',
  occupation: '农民',
  idNumber: residentId('19710308', 11),
  address: '东岗村第一村民小组18号',
  phone: '13903720011',
};

export const li: PartyInput = {
  side: 'respondent',
  kind: 'person',
  name: '李桂芬',
  sex: 'female',
  ethnicity: '回族',
  birthDate: '1975-06-20',
  occupation: '个体经营',
  idNumber: residentId('19750620', 22),
  address: '东岗村第一村民小组20号',
  phone: '13903720022',
};

export const builder: PartyInput = {
  side: 'respondent',
  kind: 'organisation',
  name: '青石镇宏达建筑有限公司',
  address: '青石镇建设路8号',
  phone: '0371-62345688',
  legalRepresentative: '赵宏达',
  legalRepresentativeTitle: '总经理',
  agentName: '钱律',
  agentRelation: '公司员工',
};

/** The township's own committee (青调 numbers), as most mediation tests register it. */
export const townshipCommittee: CommitteeInput = {
  name: '青石镇人民调解委员会',
  kind: 'township',
  villageId: null,
  speciality: null,
  sealName: '青石镇人民调解委员会',
  casePrefix: '青调',
  phone: '',
  active: true,
};
