import { sql } from 'kysely';
import type { Role } from '../shared/auth/roles';
import { checkCharacter } from '../shared/residents/idNumber';
import type { IdType } from '../shared/residents/idTypes';
import type { Ethnicity } from '../shared/residents/ethnicities';
import { residentSearchTokens } from '../shared/residents/search';
import { DEFAULT_SETTINGS, localDate } from '../electron/backend/api/settings';
import { SETTING_TOWNSHIP_NAME, writeSetting } from '../electron/backend/auth/nodeSettings';
import { hashPassword } from '../electron/backend/auth/passwords';
import { newUserRow } from '../electron/backend/auth/userRows';
import type { Db } from '../electron/backend/db/database';
import type { Actor } from '../electron/backend/db/writes';
import { BulkInserter } from './bulkInsert';
import { DemoIds, Rng, Weighted } from './random';

export { mulberry32 } from './random';
import { derivedColumns } from '../electron/backend/residents/residentRows';
import demoCatalog from '../resources/catalog/demo-service-catalog.json';
import { catalogFile } from '../shared/catalog/catalog';
import { runWrite } from '../electron/backend/db/writeScope';
import { importCatalogFile } from '../electron/backend/catalog/catalogStore';
import { SETTING_QUERY_PHONE } from '../electron/backend/counter/caseDocuments';
import { addDays } from '../shared/calendar/dates';
import { seedDemoCases } from './demoCases';
import { seedDemoDisputes } from './demoDisputes';
import { seedDemoMediation } from './demoMediation';
import { seedDemoPetitions } from './demoPetitions';
import { seedDemoQueue } from './demoQueue';
import { markRowBaselineDue } from '../electron/backend/sync/rowBaseline';

/**
 * A demo township for a fresh data folder: villages and communities with their groups, one
 * user per role, and as many residents as asked, with realistic names (surnames weighted by
 * frequency, given names by generation, a few rare characters and minority names), valid ID
 * numbers, phones and addresses. The same seed and options always give the same data, record
 * ids included, so benchmarks and screenshots are reproducible.
 */

export interface DemoUser {
  username: string;
  password: string;
  displayName: string;
  roles: Role[];
}

export interface DemoSummary {
  townshipName: string;
  catalogItems: number;
  counterCases: number;
  mediationCommittees: number;
  disputes: number;
  petitions: number;
  villages: number;
  groups: number;
  residents: number;
  users: DemoUser[];
}

export interface SeedDemoOptions {
  residents: number;
  seed?: number;
  now: Date;
  townshipName?: string;
  onProgress?: (done: number, total: number) => void;
  /** Three months of counter cases (default); a benchmark that makes its own years turns it off. */
  counterCases?: boolean;
  /** Half a year of mediation disputes (default); off like counterCases. */
  disputes?: boolean;
  /** A year of petitions with the leaders' reception days (default); off like counterCases. */
  petitions?: boolean;
}

export const DEFAULT_DEMO_SEED = 20240601;
export const DEFAULT_DEMO_TOWNSHIP = '青石镇';
/** The county the demo township belongs to (most residents were born there). */
export const DEMO_COUNTY_CODE = '410223';
export const DEMO_PASSWORD = 'Demo1234';
export const DEMO_QUERY_PHONE = '0371-62345678';
export const DEMO_ACTOR: Actor = { id: null, name: '演示数据' };
export const MAX_DEMO_RESIDENTS = 1_000_000;

/** Residents per transaction: big enough to keep commits few, small enough not to hog the connection. */
const RESIDENTS_PER_TRANSACTION = 5000;
/** Residents generated between two turns of the event loop while a batch is being written. */
const YIELD_EVERY = 100;

// ---------------------------------------------------------------------------------------------
// Reference data

// prettier-ignore
const VILLAGES: ReadonlyArray<readonly [string, 'village' | 'community']> = [
  ['青石社区', 'community'],
  ['河湾社区', 'community'],
  ['新华社区', 'community'],
  ['镇南社区', 'community'],
  ['书院社区', 'community'],
  ['滨河社区', 'community'],
  ['东岗村', 'village'],
  ['西岗村', 'village'],
  ['南岗村', 'village'],
  ['石桥村', 'village'],
  ['柳树庄村', 'village'],
  ['王庄村', 'village'],
  ['李家寨村', 'village'],
  ['前营村', 'village'],
  ['后营村', 'village'],
  ['杏花村', 'village'],
  ['枣园村', 'village'],
  ['大槐树村', 'village'],
  ['小河村', 'village'],
  ['马坊村', 'village'],
  ['张堂村', 'village'],
  ['高楼村', 'village'],
  ['北关村', 'village'],
  ['白庙村', 'village'],
];

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const COMMUNITY_ROADS = '建设路 人民路 滨河路 文化路 新华街 书院街 青石大道 幸福路 育才路 和平街'.split(' ');

/** Surnames with their approximate share per mille (2020 census order), plus a few polyphonic and compound ones. */
// prettier-ignore
const SURNAMES = new Weighted<string>([
  ['王', 71], ['李', 70], ['张', 67], ['刘', 54], ['陈', 46], ['杨', 31], ['黄', 25], ['赵', 20], ['吴', 20], ['周', 19],
  ['徐', 15], ['孙', 15], ['马', 14], ['朱', 13], ['胡', 12], ['郭', 12], ['何', 12], ['林', 11], ['罗', 11], ['高', 11],
  ['郑', 9], ['梁', 9], ['谢', 8], ['宋', 7], ['唐', 7], ['许', 7], ['韩', 6], ['冯', 6], ['邓', 6], ['曹', 6],
  ['彭', 6], ['曾', 6], ['肖', 6], ['田', 5], ['董', 5], ['袁', 5], ['潘', 5], ['于', 5], ['蒋', 5], ['蔡', 5],
  ['余', 5], ['杜', 5], ['叶', 5], ['程', 5], ['苏', 4], ['魏', 4], ['吕', 4], ['丁', 4], ['任', 4], ['沈', 4],
  ['姚', 4], ['卢', 4], ['姜', 4], ['崔', 4], ['钟', 3], ['谭', 3], ['陆', 3], ['汪', 3], ['范', 3], ['金', 3],
  ['石', 3], ['廖', 3], ['贾', 3], ['夏', 3], ['韦', 3], ['付', 3], ['方', 3], ['白', 3], ['邹', 3], ['孟', 3],
  ['熊', 3], ['秦', 3], ['邱', 3], ['江', 3], ['尹', 3], ['薛', 3], ['闫', 3], ['段', 3], ['雷', 3], ['侯', 3],
  ['龙', 2], ['史', 2], ['陶', 2], ['黎', 2], ['贺', 2], ['顾', 2], ['毛', 2], ['郝', 2], ['龚', 2], ['邵', 2],
  ['万', 2], ['钱', 2], ['严', 2], ['武', 2], ['戴', 2], ['孔', 2], ['汤', 2], ['常', 2], ['牛', 2], ['申', 1.5],
  ['单', 1], ['解', 0.8], ['仇', 0.5], ['查', 0.5], ['区', 0.3], ['葛', 1], ['翟', 1], ['岳', 1],
  ['欧阳', 0.6], ['司马', 0.3], ['诸葛', 0.2], ['上官', 0.2], ['皇甫', 0.1],
]);

type Sex = 'male' | 'female';

/** Whole given names by birth cohort and sex: each generation names its children differently. */
// prettier-ignore
const GIVEN_NAMES: ReadonlyArray<{ until: number; male: readonly string[]; female: readonly string[] }> = [
  {
    until: 1959,
    male: ['建国', '国庆', '振华', '德明', '志强', '玉成', '长生', '福来', '满仓', '铁柱', '宝山', '金山', '有才', '国栋', '树林', '庆林', '保国', '永生', '和平', '援朝', '新民', '德胜', '福顺', '广才', '占奎', '文彬', '守义'],
    female: ['秀英', '桂英', '玉兰', '桂兰', '秀兰', '凤英', '玉梅', '淑珍', '素珍', '秀珍', '玉珍', '桂珍', '凤兰', '翠花', '秀云', '桂芳', '美兰', '玉英', '月娥', '金凤', '春梅', '兰英', '翠英', '秀梅', '淑英'],
  },
  {
    until: 1979,
    male: ['建华', '建军', '卫国', '红军', '国强', '志刚', '海涛', '永刚', '学军', '新华', '建平', '小平', '卫东', '红兵', '文军', '立新', '向东', '胜利', '军', '强', '伟', '勇', '斌', '刚', '平', '明', '杰', '东', '林', '峰', '华'],
    female: ['红梅', '秀芳', '丽华', '艳', '红', '霞', '燕', '丽', '娟', '敏', '静', '芳', '玲', '英', '红霞', '丽娟', '春燕', '海燕', '桂香', '彩霞', '晓红', '玉霞', '素芳', '亚丽', '秀娥'],
  },
  {
    until: 1999,
    male: ['伟', '磊', '涛', '鹏', '超', '杰', '浩', '强', '亮', '斌', '俊杰', '志伟', '海洋', '晓东', '文博', '鹏飞', '建伟', '明辉', '宇航', '晨阳', '国伟', '帅', '阳', '飞', '龙', '凯', '鑫', '旭', '辉', '博'],
    female: ['静', '丽', '敏', '婷', '娜', '芳', '倩', '雪', '丹', '颖', '晓燕', '佳佳', '亚楠', '晓丽', '文静', '婷婷', '丽娜', '雪梅', '梦', '莹', '璐', '琳', '瑶', '欢', '蕾', '佳慧', '晓静', '梦瑶'],
  },
  {
    until: 2014,
    male: ['浩然', '子豪', '宇航', '俊杰', '梓轩', '子轩', '浩宇', '博文', '宇轩', '皓轩', '一鸣', '家豪', '天宇', '博', '浩', '宇', '鑫', '锦程', '嘉豪', '明轩', '晨曦', '子墨', '铭泽'],
    female: ['欣怡', '梓涵', '雨桐', '思涵', '子涵', '诗涵', '梦琪', '雨欣', '佳怡', '可馨', '一诺', '紫涵', '语嫣', '欣妍', '若曦', '梦洁', '雨萱', '思琪', '佳琪', '梓萱'],
  },
  {
    until: 9999,
    male: ['沐宸', '一诺', '浩宇', '梓睿', '子墨', '宇泽', '奕辰', '梓豪', '锦程', '沐阳', '俊熙', '承泽', '睿泽', '思远', '安', '睿', '逸', '墨白', '景行', '煜祺'],
    female: ['一诺', '若汐', '依诺', '梓萱', '语桐', '欣悦', '可欣', '芷若', '思睿', '昕玥', '星悦', '沐晴', '诗琪', '安然', '语汐', '梓涵', '芊芊', '知夏'],
  },
];

/** Each generation's names split into the pieces composed names are made of. */
const COHORT_POOLS = GIVEN_NAMES.map((cohort) => {
  const split = (names: readonly string[]) => {
    const pairs = names.map((n) => [...n]).filter((chars) => chars.length === 2);
    const singles = names.filter((n) => [...n].length === 1);
    const seconds = pairs.map((p) => p[1]!);
    return { whole: names, firsts: pairs.map((p) => p[0]!), seconds, singles: singles.length > 0 ? singles : seconds };
  };
  return { until: cohort.until, male: split(cohort.male), female: split(cohort.female) };
});

/** Rare characters (生僻字) some residents' names contain; 䶮 and 𠮷 lie outside the basic sets. */
const RARE_CHARS: Record<Sex, readonly string[]> = {
  male: ['䶮', '堃', '喆', '犇', '昇', '燚', '赟', '彧', '垚', '淼'],
  female: ['玥', '䶮', '喆', '昇', '燚', '祎', '珺', '婳', '玙', '淼'],
};

const UYGHUR_GIVEN: Record<Sex, readonly string[]> = {
  male: ['买买提', '艾力', '吐尔逊', '阿不都', '艾山', '库尔班', '热合曼', '亚森', '依明', '努尔', '艾尔肯'],
  female: ['阿依古丽', '古丽米拉', '帕提古丽', '热依拉', '迪丽娜尔', '阿依努尔', '米热古丽', '祖丽菲亚', '海丽且姆'],
};
const TIBETAN_PARTS: Record<Sex, readonly string[]> = {
  male: ['扎西', '次仁', '多吉', '顿珠', '平措', '格桑', '尼玛', '达瓦', '旺堆', '洛桑'],
  female: ['卓玛', '央金', '拉姆', '曲珍', '德吉', '白玛', '格桑', '次仁', '尼玛', '措姆'],
};
const MONGOLIAN_NAMES: Record<Sex, readonly string[]> = {
  male: ['巴特尔', '苏和', '额尔敦', '巴雅尔', '朝鲁', '宝音', '那顺', '孟和', '阿拉坦', '毕力格', '其其格图'],
  female: ['乌云其木格', '斯琴高娃', '萨仁图雅', '其木格', '娜仁花', '乌兰', '格日勒', '图雅', '萨日娜'],
};

/** Household ethnicity: Han overwhelmingly, Hui the largest minority in central China, a few others. */
// prettier-ignore
const ETHNICITY_WEIGHTS = new Weighted<Ethnicity>([
  ['汉族', 978],
  ['回族', 12],
  ['满族', 3],
  ['蒙古族', 1.5],
  ['土家族', 1],
  ['壮族', 1],
  ['苗族', 1],
  ['维吾尔族', 1],
  ['藏族', 1],
  ['彝族', 0.5],
]);

/** Where residents were born: mostly this county, then the rest of the province, a few from afar. */
// prettier-ignore
const BIRTH_REGIONS = new Weighted<string>([
  [DEMO_COUNTY_CODE, 820],
  ['410221', 25], ['410222', 25], ['410225', 20], ['410202', 15], ['410102', 15], ['410105', 10],
  ['410183', 10], ['411023', 10], ['411122', 8], ['410724', 8],
  ['341221', 6], ['370826', 5], ['130426', 4], ['320321', 4], ['420117', 3], ['510722', 3], ['440304', 3], ['110108', 2], ['310115', 2],
]);

// prettier-ignore
const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157',
  '158', '159', '166', '173', '175', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188', '189',
  '191', '198', '199',
];
const LANDLINE_AREA = '0371';

const NOTES = ['低保户', '五保户', '独居老人', '残疾人（肢体二级）', '退役军人', '留守儿童', '外出务工', '脱贫监测户'];

/**
 * Spouses from abroad (mostly marriage migrants from Vietnam and Korea), named as on their
 * cards in Chinese transliteration, with the GB/T 2659 numeric code of their country.
 */
const FOREIGN_ORIGINS: ReadonlyArray<{
  weight: number;
  country: string;
  passport: readonly [prefix: string, digits: number];
  name: (rng: Rng, sex: Sex) => string;
}> = [
  {
    weight: 6,
    country: '704',
    passport: ['C', 7],
    name: (rng, sex) =>
      sex === 'female'
        ? rng.pick([...'阮黎陈范黄潘武裴杜吴']) + '氏' + rng.pick([...'兰梅红秋香玉花月清草翠贤美芳'])
        : rng.pick([...'阮黎陈范黄潘武裴']) + rng.pick(['文', '明', '德']) + rng.pick([...'雄勇俊海山成龙']),
  },
  {
    weight: 3,
    country: '410',
    passport: ['M', 8],
    name: (rng, sex) =>
      rng.pick([...'金李朴崔郑姜赵尹']) +
      rng.pick(
        sex === 'female'
          ? ['秀贤', '智恩', '美玉', '恩惠', '惠珍', '敏智', '素妍']
          : ['敏俊', '贤宇', '在勋', '俊浩', '成民', '东赫', '相宇'],
      ),
  },
  {
    weight: 1,
    country: '643',
    passport: ['7', 8],
    name: (rng, sex) =>
      rng.pick(
        sex === 'female'
          ? ['安娜', '娜塔莎', '玛丽亚', '叶莲娜', '奥尔加']
          : ['伊万', '谢尔盖', '安德烈', '德米特里', '亚历山大'],
      ) +
      '·' +
      rng.pick(
        sex === 'female'
          ? ['彼得罗娃', '伊万诺娃', '斯米尔诺娃', '库兹涅佐娃']
          : ['彼得罗夫', '伊万诺夫', '斯米尔诺夫', '库兹涅佐夫'],
      ),
  },
  {
    weight: 1,
    country: '840',
    passport: ['5', 8],
    name: (rng, sex) =>
      rng.pick(sex === 'female' ? ['玛丽', '詹妮弗', '琳达', '萨拉'] : ['约翰', '迈克尔', '大卫', '詹姆斯']) +
      '·' +
      rng.pick(['史密斯', '约翰逊', '布朗', '米勒', '戴维斯']),
  },
];
const FOREIGN_ORIGIN_WEIGHTS = new Weighted(FOREIGN_ORIGINS.map((o) => [o, o.weight] as const));

const DEMO_USERS: ReadonlyArray<Omit<DemoUser, 'password'>> = [
  { username: 'demo-admin', displayName: '赵志强', roles: ['administrator'] },
  { username: 'demo-clerk', displayName: '李晓燕', roles: ['counterClerk'] },
  { username: 'demo-clerk2', displayName: '王芳', roles: ['counterClerk'] },
  { username: 'demo-agent', displayName: '张国庆', roles: ['villageAgent'] },
  { username: 'demo-grid', displayName: '吴海燕', roles: ['gridWorker'] },
  { username: 'demo-mediator', displayName: '刘德明', roles: ['mediator'] },
  { username: 'demo-head', displayName: '陈建华', roles: ['committeeHead'] },
  { username: 'demo-petition', displayName: '杨丽', roles: ['petitionReceptionist'] },
  { username: 'demo-leader', displayName: '周振华', roles: ['leader'] },
];

// ---------------------------------------------------------------------------------------------
// Generation

interface Place {
  id: string;
  name: string;
  kind: 'village' | 'community';
  groups: Array<{ id: string; name: string; houses: number }>;
}

interface Person {
  name: string;
  sex: Sex;
  age: number;
  surname: string;
}

type ResidentValues = [
  id: string,
  name: string,
  idType: IdType,
  idNumber: string,
  idNumberReversed: string,
  sex: Sex,
  birthDate: string,
  phone: string,
  phoneReversed: string,
  ethnicity: string,
  villageId: string,
  groupId: string,
  address: string,
  note: string,
  createdAt: string,
  createdBy: null,
  updatedAt: string,
  version: number,
];

// prettier-ignore
const RESIDENT_COLUMNS = [
  'id', 'name', 'id_type', 'id_number', 'id_number_reversed', 'sex', 'birth_date', 'phone', 'phone_reversed',
  'ethnicity', 'village_id', 'group_id', 'address', 'note', 'created_at', 'created_by', 'updated_at', 'version',
] as const;
const TOKEN_COLUMNS = ['token', 'resident_id'] as const;
const CHANGE_COLUMNS = ['id', 'entity', 'entity_id', 'op', 'data', 'actor_id', 'actor_name', 'at'] as const;

// prettier-ignore
const AGE_BANDS = new Weighted<readonly [number, number]>([
  [[22, 29], 10],
  [[30, 39], 16],
  [[40, 49], 20],
  [[50, 59], 22],
  [[60, 69], 18],
  [[70, 79], 10],
  [[80, 89], 4],
  [[90, 95], 0.6],
]);
// prettier-ignore
const HOUSEHOLD_SIZES = new Weighted<number>([
  [1, 12],
  [2, 25],
  [3, 22],
  [4, 20],
  [5, 13],
  [6, 8],
]);
const MAX_AGE = 95;

class ResidentGenerator {
  private readonly usedIds = new Set<string>();
  private readonly usedPhones = new Set<string>();
  private readonly todayDays: number;

  constructor(
    private readonly rng: Rng,
    private readonly townshipName: string,
    today: string,
  ) {
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    this.todayDays = Date.UTC(y, m - 1, d) / 86_400_000;
  }

  /** One household: its members share an address and (mostly) a surname. */
  household(place: Place): PersonRecord[] {
    const rng = this.rng;
    const group = rng.pick(place.groups);
    group.houses += 1;
    const address = this.address(place, group.name, group.houses);
    const ethnicity = ETHNICITY_WEIGHTS.pick(rng);
    const size = HOUSEHOLD_SIZES.pick(rng);
    const landline = rng.chance(0.15) ? `${LANDLINE_AREA}-${rng.int(2, 6)}${rng.digits(7)}` : '';
    const people: PersonRecord[] = [];

    const [lo, hi] = AGE_BANDS.pick(rng);
    const head = this.person(ethnicity, rng.chance(0.85) ? 'male' : 'female', rng.int(lo, hi), null);
    people.push(this.record(head, ethnicity, place, group.id, address, landline));
    let father: Person | null = head.sex === 'male' ? head : null;
    let youngestParentAge = head.age;
    if (size >= 2) {
      const spouseAge = Math.min(MAX_AGE, Math.max(20, head.age + rng.int(-6, 5)));
      const spouse = this.person(ethnicity, head.sex === 'male' ? 'female' : 'male', spouseAge, null);
      if (spouse.sex === 'male') father = spouse;
      youngestParentAge = Math.min(head.age, spouse.age);
      people.push(this.record(spouse, ethnicity, place, group.id, address, landline, true));
    }
    for (let i = 2; i < size; i++) {
      const childAge = youngestParentAge - rng.int(20, 36) - (i - 2) * rng.int(1, 4);
      if (childAge >= 0) {
        const child = this.person(ethnicity, rng.chance(0.52) ? 'male' : 'female', childAge, father ?? head);
        people.push(this.record(child, ethnicity, place, group.id, address, landline));
      } else if (head.age + 22 <= MAX_AGE && i === 2) {
        // A young couple living with a widowed parent.
        const parentAge = Math.min(MAX_AGE, head.age + rng.int(22, 32));
        const parentSex: Sex = rng.chance(0.35) ? 'male' : 'female';
        const parent = this.person(ethnicity, parentSex, parentAge, parentSex === 'male' ? head : null);
        people.push(this.record(parent, ethnicity, place, group.id, address, landline));
      }
    }
    return people;
  }

  private address(place: Place, groupName: string, house: number): string {
    if (place.kind === 'village') {
      const short = groupName.replace('村民小组', '组');
      return `${this.townshipName}${place.name}${short}${house}号`;
    }
    const rng = this.rng;
    const road = rng.pick(COMMUNITY_ROADS);
    return `${this.townshipName}${place.name}${road}${rng.int(1, 180)}号${rng.int(1, 18)}号楼${rng.int(1, 4)}单元${rng.int(1, 11)}0${rng.int(1, 4)}室`;
  }

  /** A person with a name fitting sex, generation and ethnicity; `familyOf` passes the surname on. */
  private person(ethnicity: Ethnicity, sex: Sex, age: number, familyOf: Person | null): Person {
    const rng = this.rng;
    if (ethnicity === '维吾尔族' && rng.chance(0.9)) {
      const fatherGiven =
        familyOf && familyOf.name.includes('·') ? familyOf.name.split('·')[0]! : rng.pick(UYGHUR_GIVEN.male);
      // Given name, then the father's given name; a son is not named after his father.
      const others = UYGHUR_GIVEN[sex].filter((given) => given !== fatherGiven);
      return { name: `${rng.pick(others)}·${fatherGiven}`, sex, age, surname: '' };
    }
    if (ethnicity === '藏族' && rng.chance(0.9)) {
      const first = rng.pick(TIBETAN_PARTS[sex === 'male' ? 'male' : rng.chance(0.5) ? 'female' : 'male']);
      let second = rng.pick(TIBETAN_PARTS[sex]);
      if (second === first) second = sex === 'male' ? '多吉' : '卓玛';
      return { name: rng.chance(0.2) ? second : first + second, sex, age, surname: '' };
    }
    if (ethnicity === '蒙古族' && rng.chance(0.7)) {
      return { name: rng.pick(MONGOLIAN_NAMES[sex]), sex, age, surname: '' };
    }
    const surname = familyOf && familyOf.surname && rng.chance(0.97) ? familyOf.surname : SURNAMES.pick(rng);
    const birthYear = this.yearOf(age);
    let given = this.givenName(sex, birthYear);
    if (rng.chance(0.01)) {
      const rare = rng.pick(RARE_CHARS[sex]);
      const chars = [...given];
      if (chars.length === 1) chars.push(rare);
      else chars[rng.int(0, chars.length - 1)] = rare;
      given = chars.join('');
    }
    // 𠮷 (the variant of 吉 families write) as a surname.
    const writtenSurname = surname === '吉' || (rng.chance(0.0005) && !familyOf) ? '𠮷' : surname;
    return { name: writtenSurname + given, sex, age, surname: writtenSurname };
  }

  private givenName(sex: Sex, birthYear: number): string {
    const rng = this.rng;
    const cohort = COHORT_POOLS.find((c) => birthYear <= c.until) ?? COHORT_POOLS[COHORT_POOLS.length - 1]!;
    const pool = cohort[sex];
    // Half the time a whole name of the generation; otherwise its characters recombined
    // (建 + 生, 秀 + 芝), so names repeat as often as in a real township, but not more.
    if (rng.chance(0.5)) return rng.pick(pool.whole);
    if (rng.chance(0.15)) return rng.pick(pool.singles);
    return rng.pick(pool.firsts) + rng.pick(pool.seconds);
  }

  private yearOf(age: number): number {
    return new Date((this.todayDays - age * 365.25) * 86_400_000).getUTCFullYear();
  }

  /** A birth date `age` full years before today (never after today). */
  private birthDate(age: number): string {
    const days = Math.floor(age * 365.25 + this.rng.float() * 365);
    return new Date((this.todayDays - days) * 86_400_000).toISOString().slice(0, 10);
  }

  private record(
    person: Person,
    ethnicity: Ethnicity,
    place: Place,
    groupId: string,
    address: string,
    landline: string,
    isSpouse = false,
  ): PersonRecord {
    const rng = this.rng;
    const birthDate = this.birthDate(person.age);
    const sex = person.sex;
    const compactBirth = birthDate.replace(/-/g, '');
    const sequenceDigit = () => (sex === 'male' ? rng.pick([1, 3, 5, 7, 9]) : rng.pick([0, 2, 4, 6, 8]));
    const where = { villageId: place.id, groupId, address };
    const roll = rng.float();
    if (isSpouse && roll >= 0.0015 && roll < 0.0015 + 0.004) {
      // A spouse from abroad: a permanent residence card (2023 layout: 9, province 41 = Henan,
      // country, birth date, sequence, GB 11643 check) or a passport.
      const origin = FOREIGN_ORIGIN_WEIGHTS.pick(rng);
      const idType: IdType = rng.chance(0.4) ? 'foreignPermanentResidentId' : 'passport';
      const idNumber = this.unique(() => {
        if (idType === 'passport') return origin.passport[0] + rng.digits(origin.passport[1]);
        const first17 = `941${origin.country}${compactBirth}${rng.digits(2)}${sequenceDigit()}`;
        return first17 + checkCharacter(first17);
      });
      const phone = this.phone(person.age, landline);
      return {
        name: origin.name(rng, sex),
        idType,
        idNumber,
        sex,
        birthDate,
        phone,
        ethnicity: '其他',
        ...where,
        note: '',
      };
    }
    // Hong Kong, Macao and Taiwan residents hold residence permits numbered like resident IDs.
    const idType: IdType = roll < 0.0015 && ethnicity === '汉族' ? 'hmtResidencePermit' : 'residentId';
    const region = idType === 'hmtResidencePermit' ? rng.pick(['810000', '820000', '830000']) : BIRTH_REGIONS.pick(rng);
    const idNumber = this.unique(() => {
      const first17 = `${region}${compactBirth}${rng.digits(2)}${sequenceDigit()}`;
      return first17 + checkCharacter(first17);
    });
    const phone = this.phone(person.age, landline);
    const note = rng.chance(0.03) ? this.note(person.age) : '';
    return { name: person.name, idType, idNumber, sex, birthDate, phone, ethnicity, ...where, note };
  }

  private note(age: number): string {
    if (age < 16) return '留守儿童';
    if (age >= 70) return this.rng.pick(['独居老人', '五保户', '低保户']);
    return this.rng.pick(NOTES.filter((n) => n !== '留守儿童' && n !== '独居老人'));
  }

  private phone(age: number, landline: string): string {
    const rng = this.rng;
    const roll = rng.float();
    const mobileShare = age >= 16 && age < 80 ? 0.9 : age >= 80 ? 0.45 : 0.15;
    if (roll < mobileShare) {
      for (let attempt = 0; attempt < 20; attempt++) {
        const phone = rng.pick(MOBILE_PREFIXES) + rng.digits(8);
        if (!this.usedPhones.has(phone)) {
          this.usedPhones.add(phone);
          return phone;
        }
      }
      return '';
    }
    if (landline && age >= 50 && roll < mobileShare + 0.3) return landline;
    return '';
  }

  private unique(make: () => string): string {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const value = make();
      if (!this.usedIds.has(value)) {
        this.usedIds.add(value);
        return value;
      }
    }
    throw new Error('演示数据：无法生成不重复的证件号码');
  }
}

interface PersonRecord {
  name: string;
  idType: IdType;
  idNumber: string;
  sex: Sex;
  birthDate: string;
  phone: string;
  ethnicity: string;
  villageId: string;
  groupId: string;
  address: string;
  note: string;
}

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * Fills a fresh database with a demo township. Refuses (with a Chinese message) a database
 * that already holds users, villages or residents. Users and the township name are written
 * last, so a seed cut short leaves no one able to sign in to half a township.
 */
export async function seedDemoTownship(db: Db, options: SeedDemoOptions): Promise<DemoSummary> {
  const total = options.residents;
  if (!Number.isInteger(total) || total < 0 || total > MAX_DEMO_RESIDENTS) {
    throw new Error(`演示居民人数应为 0–${MAX_DEMO_RESIDENTS} 的整数`);
  }
  const townshipName = options.townshipName?.trim() || DEFAULT_DEMO_TOWNSHIP;
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const at = options.now.toISOString();
  const today = localDate(options.now, DEFAULT_SETTINGS.timeZone);

  const [users, villages, residents] = await Promise.all([
    db.selectFrom('users').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('villages').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('residents').select('id').limit(1).executeTakeFirst(),
  ]);
  if (users || villages || residents) {
    throw new Error('数据库中已有用户、村（社区）或居民，不能再填入演示数据。演示数据只能填入新的空数据目录');
  }

  // Hash before taking the connection: scrypt is slow on purpose.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const rng = new Rng(seed);
  const ids = new DemoIds(options.now.getTime(), new Rng(seed ^ 0x5bd1e995));
  const changeRow = (entity: string, entityId: string, op: string, data: unknown) =>
    [ids.next(), entity, entityId, op, JSON.stringify(data), DEMO_ACTOR.id, DEMO_ACTOR.name, at] as const;
  const changes = new BulkInserter('change_log', CHANGE_COLUMNS);

  // Villages and communities with their groups (网格 in communities).
  const places: Place[] = VILLAGES.map(([name, kind]) => {
    const count = rng.int(4, 9);
    return {
      id: ids.next(),
      name,
      kind,
      groups: Array.from({ length: count }, (_, i) => ({
        id: ids.next(),
        name: kind === 'village' ? `第${CHINESE_NUMERALS[i]}村民小组` : `第${CHINESE_NUMERALS[i]}网格`,
        houses: 0,
      })),
    };
  });
  const placeWeights = new Weighted<Place>(
    places.map((p) => [p, (p.kind === 'community' ? 1.6 : 1) * (0.6 + rng.float() * 0.8)]),
  );

  const restore = await tuneForBulkLoad(db);
  try {
    await db.transaction().execute(async (tx) => {
      for (const [index, place] of places.entries()) {
        await tx
          .insertInto('villages')
          .values({
            id: place.id,
            name: place.name,
            kind: place.kind,
            sort_order: index + 1,
            created_at: at,
            updated_at: at,
            version: 1,
          })
          .execute();
        await tx
          .insertInto('village_groups')
          .values(place.groups.map((g, i) => ({ id: g.id, village_id: place.id, name: g.name, sort_order: i + 1 })))
          .execute();
      }
      await changes.insert(
        tx,
        places.map((p) =>
          changeRow('village', p.id, 'create', {
            id: p.id,
            name: p.name,
            kind: p.kind,
            groups: p.groups.map((g) => ({ id: g.id, name: g.name })),
            version: 1,
          }),
        ),
      );
    });

    const generator = new ResidentGenerator(rng, townshipName, today);
    const residentRows = new BulkInserter('residents', RESIDENT_COLUMNS);
    const tokenRows = new BulkInserter('resident_search_tokens', TOKEN_COLUMNS);
    const tokenCache = new Map<string, string[]>();
    let done = 0;
    let pending: PersonRecord[] = [];
    options.onProgress?.(0, total);
    /** Turns generated people into the rows of the three tables (ids, tokens and log entries included). */
    const prepare = (batch: readonly PersonRecord[]) => {
      const residentValues: ResidentValues[] = [];
      const tokenValues: Array<readonly [string, string]> = [];
      const changeValues: Array<ReturnType<typeof changeRow>> = [];
      for (const r of batch) {
        const id = ids.next();
        const derived = derivedColumns(r.idNumber, r.phone);
        residentValues.push([
          id,
          r.name,
          r.idType,
          r.idNumber,
          derived.id_number_reversed,
          r.sex,
          r.birthDate,
          r.phone,
          derived.phone_reversed,
          r.ethnicity,
          r.villageId,
          r.groupId,
          r.address,
          r.note,
          at,
          null,
          at,
          1,
        ]);
        let tokens = tokenCache.get(r.name);
        if (!tokens) {
          tokens = residentSearchTokens(r.name);
          tokenCache.set(r.name, tokens);
        }
        for (const token of tokens) tokenValues.push([token, id]);
        // The same fields, in the same order, as a resident registered at the counter logs.
        changeValues.push(
          changeRow('resident', id, 'create', {
            name: r.name,
            id_type: r.idType,
            id_number: r.idNumber,
            sex: r.sex,
            birth_date: r.birthDate,
            phone: r.phone,
            ethnicity: r.ethnicity,
            village_id: r.villageId,
            group_id: r.groupId,
            address: r.address,
            note: r.note,
          }),
        );
      }
      return { count: batch.length, residentValues, tokenValues, changeValues };
    };
    const write = async (rows: ReturnType<typeof prepare>) => {
      await db.transaction().execute(async (tx) => {
        await residentRows.insert(tx, rows.residentValues);
        await tokenRows.insert(tx, rows.tokenValues);
        await changes.insert(tx, rows.changeValues);
      });
      done += rows.count;
      options.onProgress?.(done, total);
    };

    // SQLite works on libuv's thread pool: while one batch is written, the next is generated.
    // Generation yields now and then so the writer's statements keep flowing.
    let writing: Promise<void> | null = null;
    const flush = async () => {
      const rows = prepare(pending);
      pending = [];
      if (writing) await writing;
      writing = write(rows);
      writing.catch(() => {}); // awaited (and thrown) at the next flush or at the end
    };
    let generated = 0;
    let sinceYield = 0;
    while (generated < total) {
      const people = generator.household(placeWeights.pick(rng));
      for (const person of people.slice(0, total - generated)) pending.push(person);
      generated = Math.min(total, generated + people.length);
      sinceYield += people.length;
      if (sinceYield >= YIELD_EVERY) {
        sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      if (pending.length >= RESIDENTS_PER_TRANSACTION) await flush();
    }
    if (pending.length > 0) await flush();
    if (writing) await writing;

    // Last: the township name and the users, so a cut-short seed leaves nobody able to sign in.
    const demoUsers: DemoUser[] = DEMO_USERS.map((u) => ({ ...u, roles: [...u.roles], password: DEMO_PASSWORD }));
    await db.transaction().execute(async (tx) => {
      await writeSetting(tx, SETTING_TOWNSHIP_NAME, townshipName);
      const userIds = demoUsers.map(() => ids.next());
      await tx
        .insertInto('users')
        .values(
          demoUsers.map((u, i) =>
            newUserRow({
              id: userIds[i]!,
              username: u.username,
              displayName: u.displayName,
              passwordHash,
              roles: u.roles,
              mustChangePassword: false,
              at,
            }),
          ),
        )
        .execute();
      await changes.insert(tx, [
        changeRow('node', 'township', 'setup', { townshipName }),
        ...demoUsers.map((u, i) =>
          changeRow('user', userIds[i]!, 'create', {
            username: u.username,
            displayName: u.displayName,
            roles: u.roles,
          }),
        ),
      ]);
    });

    // The county's catalog as a new node would receive it (resources/catalog, data not code).
    const catalog = catalogFile.parse(demoCatalog);
    await runWrite(db, DEMO_ACTOR, at, (scope) => importCatalogFile(scope, catalog, today));
    // The hall's queue: three categories at the kiosk, four windows calling them.
    await seedDemoQueue(db, DEMO_ACTOR, at);

    const mediation = await seedDemoMediation(db, { townshipName, places, at });

    // The counter's last three months, in proportion to the township (a hall of 20,000 people
    // sees about 40 cases a day), the query phone on every paper, the agent's village.
    await writeSetting(db, SETTING_QUERY_PHONE, DEMO_QUERY_PHONE);
    // The grid worker (网格员) serves the agent's village too (residents' matters, shared/matters).
    for (const role of ['villageAgent', 'gridWorker'] as const) {
      const user = demoUsers.find((u) => u.roles.includes(role))!;
      const row = await db
        .selectFrom('users')
        .select('id')
        .where('username', '=', user.username)
        .executeTakeFirstOrThrow();
      await db
        .insertInto('agent_villages')
        .values({ user_id: row.id, village_id: places[0]!.id, updated_at: at })
        .execute();
    }
    const counterCases =
      done === 0 || options.counterCases === false
        ? 0
        : (
            await seedDemoCases(db, {
              from: addDays(today, -91),
              to: today,
              perWorkingDay: Math.min(150, Math.max(5, Math.round(done / 500))),
              today,
              seed,
            })
          ).cases;

    // Half a year of disputes: a township of 20,000 sees about 600 a year (DOMAIN.md §9).
    const disputes =
      done === 0 || options.disputes === false
        ? 0
        : (
            await seedDemoDisputes(db, {
              from: addDays(today, -182),
              to: today,
              count: Math.min(1500, Math.max(20, Math.round(done * 0.015))),
              today,
              seed,
            })
          ).disputes;

    // A year of petitions: a township of 20,000–30,000 sees 300–600 a year; a small demo still
    // gets ten a month, so every figure of the statistics has something to count.
    const petitions =
      done === 0 || options.petitions === false
        ? 0
        : (
            await seedDemoPetitions(db, {
              from: addDays(today, -365),
              to: today,
              count: Math.min(600, Math.max(120, Math.round(done * 0.02))),
              today,
              seed,
            })
          ).petitions;
    // The demo's rows went in by the thousand, without entries: the county gets them as a baseline.
    await markRowBaselineDue(db);

    return {
      townshipName,
      catalogItems: catalog.items.length,
      counterCases,
      mediationCommittees: mediation.committees,
      disputes,
      petitions,
      villages: places.length,
      groups: places.reduce((n, p) => n + p.groups.length, 0),
      residents: done,
      users: demoUsers,
    };
  } finally {
    await restore();
  }
}

/**
 * A bigger page cache while loading (the token index is written all over); put back afterwards.
 * Durability settings stay as they are: a demo seed commits like any other write.
 */
async function tuneForBulkLoad(db: Db): Promise<() => Promise<void>> {
  const before = await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(db);
  const previous = before.rows[0]?.cache_size ?? -2000;
  await sql.raw(`PRAGMA cache_size = -262144`).execute(db);
  return async () => {
    await sql.raw(`PRAGMA cache_size = ${Number(previous)}`).execute(db);
  };
}
