// Deterministic demo records for the sample documents: the same data on every run.

export interface ResidentListRecord {
  village: string;
  compiledBy: string;
  residents: Array<{ name: string; sex: '男' | '女'; idNumber: string; household: string; address: string }>;
}

export interface ReceiptSlipRecord {
  hall: string;
  caseNumber: string;
  residentName: string;
  idNumber: string;
  item: string;
  window: string;
  clerk: string;
  promisedDays: number;
  phone: string;
}

export interface AgreementParty {
  role: string;
  name: string;
  sex: '男' | '女';
  ethnicity: string;
  birthDate: string;
  occupation: string;
  idNumber: string;
  address: string;
  phone: string;
}

export interface AgreementRecord {
  committee: string;
  documentNumber: string;
  parties: AgreementParty[];
  facts: string;
  disputedMatters: string;
  terms: string[];
  performance: string;
  mediator: string;
}

const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'];
const GIVEN = [...'建国秀英志强丽娟海燕明华玉兰德福桂芳永红春梅文静卫东晓军'];
const GROUPS = ['一组', '二组', '三组', '四组', '五组'];

/** ISO 7064 MOD 11-2 check character of a resident ID (GB 11643-1999). */
export function idCheckCharacter(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return '10X98765432'[sum % 11]!;
}

function idNumber(region: string, birth: string, sequence: number): string {
  const first17 = `${region}${birth}${String(sequence).padStart(3, '0')}`;
  return first17 + idCheckCharacter(first17);
}

/** A small linear congruential generator: the same list on every run. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

export function demoResidentList(count = 110): ResidentListRecord {
  const next = generator(20261124);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const residents: ResidentListRecord['residents'] = [
    {
      name: '𠮷祥',
      sex: '男',
      idNumber: idNumber('530423', '19680312', 31),
      household: '户主',
      address: '石桥村一组12号',
    },
    {
      name: '刘䶮',
      sex: '男',
      idNumber: idNumber('530423', '19920705', 57),
      household: '子',
      address: '石桥村一组12号',
    },
    {
      name: '王堃',
      sex: '男',
      idNumber: idNumber('530423', '19751120', 13),
      household: '户主',
      address: '石桥村二组3号',
    },
  ];
  for (let i = residents.length; i < count; i++) {
    const male = next() < 0.5;
    const year = 1940 + Math.floor(next() * 65);
    const month = String(1 + Math.floor(next() * 12)).padStart(2, '0');
    const day = String(1 + Math.floor(next() * 28)).padStart(2, '0');
    const sequence = Math.floor(next() * 499) * 2 + (male ? 1 : 0);
    residents.push({
      name: pick(SURNAMES) + pick(GIVEN) + (next() < 0.6 ? pick(GIVEN) : ''),
      sex: male ? '男' : '女',
      idNumber: idNumber('530423', `${year}${month}${day}`, sequence),
      household: i % 4 === 0 ? '户主' : pick(['配偶', '子', '女', '父', '母']),
      address: `石桥村${pick(GROUPS)}${1 + Math.floor(next() * 60)}号`,
    });
  }
  return { village: '青石镇石桥村', compiledBy: '石桥村村民委员会', residents };
}

export function demoReceiptSlip(): ReceiptSlipRecord {
  return {
    hall: '青石镇便民服务中心',
    caseNumber: 'QS-20261124-0037',
    residentName: '刘䶮',
    idNumber: idNumber('530423', '19920705', 57),
    item: '城乡居民基本医疗保险参保登记',
    window: '3号窗口（社会保障）',
    clerk: '李玥',
    promisedDays: 5,
    phone: '0877-6012345',
  };
}

export function demoAgreement(): AgreementRecord {
  return {
    committee: '青石镇石桥村人民调解委员会',
    documentNumber: '（2026）石调字第12号',
    parties: [
      {
        role: '当事人甲',
        name: '𠮷祥',
        sex: '男',
        ethnicity: '汉族',
        birthDate: '1968年3月12日',
        occupation: '农民',
        idNumber: idNumber('530423', '19680312', 31),
        address: '青石镇石桥村一组12号',
        phone: '13908770101',
      },
      {
        role: '当事人乙',
        name: '刘䶮',
        sex: '男',
        ethnicity: '彝族',
        birthDate: '1992年7月5日',
        occupation: '个体工商户',
        idNumber: idNumber('530423', '19920705', 57),
        address: '青石镇石桥村一组15号',
        phone: '13908770202',
      },
      {
        role: '当事人丙',
        name: '王堃',
        sex: '男',
        ethnicity: '汉族',
        birthDate: '1975年11月20日',
        occupation: '农民',
        idNumber: idNumber('530423', '19751120', 13),
        address: '青石镇石桥村二组3号',
        phone: '13908770303',
      },
    ],
    facts:
      '𠮷祥与刘䶮系相邻住户，王堃承包的耕地与二人宅基地相接。2026年9月，刘䶮翻建住房时在两户之间砌筑围墙，𠮷祥认为围墙占用其宅基地约0.6米，且新修排水沟将雨水引向王堃承包地，三方多次协商未果，于2026年10月8日申请本委员会调解。',
    disputedMatters:
      '围墙是否越界；排水沟的走向及由此造成的青苗损失如何赔偿。经本委员会实地查看、调取宅基地登记资料，围墙北段确有越界，排水沟出水口应改至村道边沟。',
    terms: [
      '刘䶮于2026年12月15日前自行拆除越界部分围墙，按宅基地登记界址重新砌筑，费用由刘䶮承担。',
      '刘䶮于2026年12月15日前将排水沟出水口改至村道边沟，王堃予以配合，不得阻挠施工。',
      '刘䶮一次性赔偿王堃青苗损失人民币捌佰元整（￥800.00），于本协议签订之日当场付清。',
      '三方今后相互尊重相邻权利，不再就本纠纷相互追究；任何一方不履行本协议的，其他方可申请本委员会督促履行，或依法向人民法院提起诉讼。',
    ],
    performance:
      '本协议自各方当事人签名（或按指印）、人民调解员签名并加盖人民调解委员会印章之日起生效，一式四份，三方当事人各执一份，本委员会留存一份。当事人可自本协议生效之日起三十日内共同向人民法院申请司法确认。',
    mediator: '陈昇',
  };
}
