// Petitions (信访) for a demo township and for benchmarks: visits and letters from the resident
// registry on working days, a leader's reception day every Monday morning, group visits with
// their representatives, people coming back with the same matter (重复访), a few who went to the
// county or higher first (越级访), matters handed down from above; each taken through its steps as
// the desk would (受理 or 不予受理, 交办, 延期, 答复, 回访满意度, 复查, 复核, 办结) with the deadlines
// the regulation's clock gives, as far as `today` allows — so the old ones are closed, the recent
// ones still open, and a few have missed a deadline. Rows are written in bulk; the change log is
// not filled (generated history is not sent upward).
import { petitionKind, type PetitionStep } from '../shared/petitions/petitionKind';
import { followPath } from '../shared/workflow/kind';
import { addDays, daysBetween, weekday, yearOf } from '../shared/calendar/dates';
import {
  DEFAULT_PERIOD_COUNTING,
  handlingDeadline,
  PERIOD_DAYS,
  periodEnd,
  runningDeadline,
} from '../shared/petitions/periods';
import {
  type NotAcceptedGround,
  type PetitionCategory,
  type PetitionStatus,
  type Satisfaction,
  type SkippedLevel,
} from '../shared/petitions/petitions';
import { loadWorkingCalendar } from '../electron/backend/calendar/calendarStore';
import type { Db } from '../electron/backend/db/database';
import type { Database } from '../electron/backend/db/schema';
import { formatPetitionNumber, petitionNumberScope } from '../electron/backend/petitions/petitionRegistration';
import { petitionerNamesOf } from '../electron/backend/petitions/petitionRows';
import { readPetitionSettings } from '../electron/backend/petitions/petitionSettings';
import { BulkInserter } from './bulkInsert';
import { DemoIds, Rng, Weighted } from './random';

export interface DemoPetitionsOptions {
  /** Petitions are received from this day… */
  from: string;
  /** …to this one (inclusive), on working days. */
  to: string;
  /** Petitions over the whole span. */
  count: number;
  /** The day statuses are decided against: no step is dated after it. */
  today: string;
  seed: number;
  onProgress?: (done: number) => void;
}

export interface DemoPetitionsResult {
  petitions: number;
  receptionDays: number;
}

/** Who receives on Mondays, in turn. */
const LEADERS = [
  { name: '王建国', title: '党委书记' },
  { name: '李明', title: '镇长' },
  { name: '陈卫东', title: '党委副书记' },
  { name: '刘红梅', title: '副镇长' },
] as const;
const RECEPTION_PLACE = '镇信访接待室';
const RECEPTION_NOTES = ['', '', '重点接待：征地拆迁、土地承包', '重点接待：惠民政策落实', '重点接待：欠薪问题'];
/** The rota is posted this far ahead of the last petition. */
const ROTA_AHEAD_DAYS = 28;

const RECEPTIONIST = '杨丽';
const STAFF = ['王磊', '孙建平', '赵红霞', '周晓东', '吴海涛', '郑丽娟', '马志刚', '胡春燕', '高文博', '徐亚楠'];

const CATEGORIES = new Weighted<PetitionCategory>([
  ['land', 20],
  ['expropriation', 10],
  ['construction', 7],
  ['labour', 12],
  ['civilAffairs', 12],
  ['health', 3],
  ['education', 3],
  ['environment', 8],
  ['naturalResources', 4],
  ['transport', 4],
  ['lawAndOrder', 5],
  ['economy', 3],
  ['villageAffairs', 8],
  ['discipline', 3],
  ['personnel', 1],
  ['suggestion', 2],
  ['other', 3],
]);
/** What brings five or more people together. */
const GROUP_CATEGORIES = new Weighted<PetitionCategory>([
  ['expropriation', 35],
  ['labour', 25],
  ['land', 15],
  ['environment', 15],
  ['villageAffairs', 10],
]);

/** The township office a matter concerns, and that handles it once accepted. */
const DEPARTMENTS: Record<PetitionCategory, string> = {
  land: '镇农业农村办',
  expropriation: '镇征迁办',
  construction: '镇规划建设办',
  labour: '镇劳动保障所',
  civilAffairs: '镇民政所',
  health: '镇卫生院',
  education: '镇中心学校',
  environment: '镇生态环境办',
  naturalResources: '镇自然资源所',
  transport: '镇交通管理站',
  lawAndOrder: '镇派出所',
  economy: '镇市场监管所',
  villageAffairs: '镇农村经管站',
  discipline: '镇纪委',
  personnel: '镇党政办',
  suggestion: '镇党政办',
  other: '镇综治中心',
};

/** The laws and policies a reply rests on. */
const BASIS: Record<PetitionCategory, string> = {
  land: '《中华人民共和国农村土地承包法》《中华人民共和国土地管理法》',
  expropriation: '《中华人民共和国土地管理法》《国有土地上房屋征收与补偿条例》及省征地区片综合地价标准',
  construction: '《中华人民共和国城乡规划法》《物业管理条例》',
  labour: '《保障农民工工资支付条例》《中华人民共和国劳动合同法》',
  civilAffairs: '《社会救助暂行办法》及省最低生活保障审核确认办法',
  health: '《医疗保障基金使用监督管理条例》',
  education: '《中华人民共和国义务教育法》',
  environment: '《中华人民共和国环境保护法》《畜禽规模养殖污染防治条例》',
  naturalResources: '《中华人民共和国森林法》《中华人民共和国水法》',
  transport: '《农村公路条例》',
  lawAndOrder: '《中华人民共和国治安管理处罚法》',
  economy: '《中华人民共和国农民专业合作社法》《中华人民共和国产品质量法》',
  villageAffairs: '《中华人民共和国村民委员会组织法》',
  discipline: '《中国共产党纪律处分条例》',
  personnel: '相关人事政策规定',
  suggestion: '',
  other: '《中华人民共和国民法典》',
};

const COMPANIES = ['青石镇宏达建筑有限公司', '顺达运输有限公司', '金穗农资经营部', '青石镇恒丰食品厂', '东岗砖瓦厂'];

interface MatterContext {
  village: string;
  group: string;
  other: string;
  rng: Rng;
}
type Matter = (c: MatterContext) => readonly [matter: string, requests: string];

// prettier-ignore
const MATTERS: Record<PetitionCategory, readonly Matter[]> = {
  land: [
    (c) => [`反映${c.village}${c.group}村民${c.other}在二轮土地延包中多占其家承包地约${c.rng.int(1, 4)}亩，组里多次协调未果。`, '要求按承包合同和确权登记重新核实，退还多占的承包地'],
    (c) => [`反映其家宅基地与邻居${c.other}家界址不清，对方翻建房屋时占用约${c.rng.int(6, 30)}平方米。`, '要求依据宅基地使用证勘界，恢复原界址'],
    (c) => [`反映${c.village}调整土地时未给户口仍在本村的外嫁女儿分配承包地。`, '要求落实外嫁女土地承包权益'],
    (c) => [`反映村里将其家${c.rng.int(2, 9)}亩承包地流转给合作社，流转费已拖欠两年未付。`, '要求兑付拖欠的土地流转费'],
  ],
  expropriation: [
    (c) => [`反映修建县道征用${c.village}${c.group}承包地，其家${c.rng.int(1, 5)}亩地的青苗补偿费和地上附着物补偿未足额发放。`, '要求按公示标准补足征地补偿款'],
    (c) => [`反映${c.village}棚户区改造中其家房屋面积认定偏少，安置房分配不公。`, '要求重新测量房屋面积，公平分配安置房'],
    (c) => [`反映产业园征地补偿款被${c.group}截留一部分，至今未分到户。`, '要求公开征地补偿款分配明细，足额发放到户'],
  ],
  construction: [
    (c) => [`反映${c.village}新建小区开发商延期交房已一年。`, '要求督促开发商尽快交房并按合同支付违约金'],
    (c) => [`反映邻居${c.other}违规加盖三层楼房，遮挡其家采光。`, '要求依法查处违法建设'],
    () => ['反映所住楼房外墙脱落、屋顶漏水，物业公司拒不维修。', '要求协调启用专项维修资金维修'],
  ],
  labour: [
    (c) => [`反映在${c.rng.pick(COMPANIES)}务工期间被拖欠工资${c.rng.int(8, 60) * 1000}元，多次讨要无果。`, '要求帮助追讨拖欠的工资'],
    () => ['反映在建筑工地务工时受伤，包工头拒绝支付医疗费。', '要求认定工伤并赔偿医疗费和误工费'],
    (c) => [`反映原单位${c.rng.int(3, 12)}年未为其缴纳社会养老保险。`, '要求补缴养老保险'],
  ],
  civilAffairs: [
    (c) => [`反映家中${c.rng.pick(['丈夫病故', '本人患尿毒症需长期透析', '儿子重度残疾'])}，生活困难，申请低保未获批准。`, '要求重新审核低保申请'],
    () => ['反映其父系退役军人，优抚金发放标准有误。', '要求核实并调整优抚金'],
    () => ['反映高龄津贴自今年起停发，未告知原因。', '要求恢复发放高龄津贴'],
    (c) => [`反映${c.village}低保评定不公开，部分有车有房户仍享受低保。`, '要求复核本村低保对象'],
  ],
  health: [
    () => ['反映在镇卫生院就诊时被多收检查费。', '要求退还多收费用并说明收费依据'],
    () => ['反映住院报销比例低于城乡居民医保政策规定。', '要求核实并补报医疗费用'],
  ],
  education: [
    () => ['反映子女入学被划到较远的学校。', '要求安排就近入学'],
    (c) => [`反映${c.village}小学撤并后学生上学路途远、无校车接送。`, '要求解决学生上下学接送问题'],
  ],
  environment: [
    (c) => [`反映${c.village}附近${c.rng.pick(COMPANIES)}夜间排放刺鼻废气，周边群众头晕恶心。`, '要求依法查处，停产整改'],
    (c) => [`反映${c.village}${c.group}养猪场粪污直排河沟，污染饮用水井。`, '要求整治养殖污染，保障饮水安全'],
    () => ['反映砂石厂噪音、扬尘严重，影响周边群众休息。', '要求限时作业并落实降尘措施'],
  ],
  naturalResources: [
    (c) => [`反映${c.village}山林林权证四至与邻村重叠，双方争执不下。`, '要求勘界确权'],
    () => ['反映有人在河道非法采砂，堤岸坍塌。', '要求制止非法采砂并修复堤岸'],
    (c) => [`反映${c.group}机井损坏多年未修，${c.rng.int(20, 120)}亩地无法灌溉。`, '要求维修机井'],
  ],
  transport: [
    (c) => [`反映${c.village}通村公路多处坑洼，雨天无法通行。`, '要求修缮通村公路'],
    (c) => [`反映${c.village}村口缺少减速带和警示标志，多次发生交通事故。`, '要求设置减速带和警示标志'],
  ],
  lawAndOrder: [
    () => ['反映其家耕牛被盗，报案后一直未破。', '要求加快侦办，追回损失'],
    (c) => [`反映与${c.other}的民间借贷纠纷经法院判决后，对方拒不履行。`, '要求协调法院强制执行'],
    (c) => [`反映被${c.other}殴打致伤，认为派出所处理不公。`, '要求依法重新处理'],
  ],
  economy: [
    (c) => [`反映入股本村合作社的股金${c.rng.int(1, 10) * 10000}元到期未兑付。`, '要求合作社清退股金'],
    () => ['反映购买的化肥、种子质量不合格，导致小麦减产。', '要求商家赔偿损失'],
  ],
  villageAffairs: [
    (c) => [`反映${c.village}村务、财务多年未公开。`, '要求公开集体收入和支出账目'],
    (c) => [`反映${c.village}集体土地出租收益未分配给村民。`, '要求按户分配集体收益'],
    (c) => [`反映${c.village}换届选举中存在拉票行为。`, '要求调查处理'],
  ],
  discipline: [
    (c) => [`检举${c.village}村干部在危房改造补助中优亲厚友、虚报冒领。`, '要求纪委调查处理'],
    () => ['反映村干部在低保评定中收受好处。', '要求查处违纪行为'],
  ],
  personnel: [() => ['反映其原民办教师身份认定问题多年未解决。', '要求落实相关待遇']],
  suggestion: [
    (c) => [`建议在${c.village}设置公交站点，方便群众出行。`, ''],
    () => ['建议在集市增设公共厕所和垃圾收集点。', ''],
  ],
  other: [
    () => ['反映子女不履行赡养义务，本人年老多病无人照顾。', '要求协调子女履行赡养义务'],
    () => ['反映户口迁移办理中遇到困难。', '要求协助办理户口迁移'],
  ],
};

const NOT_ACCEPTED = new Weighted<readonly [NotAcceptedGround, string, string]>([
  [
    ['litigation', '所反映事项属于平等主体之间的民事纠纷，应当通过诉讼途径解决。', '可依法向县人民法院提起民事诉讼'],
    35,
  ],
  [['arbitration', '所反映事项属于劳动争议，应当通过劳动仲裁途径解决。', '可向县劳动人事争议仲裁委员会申请仲裁'], 20],
  [
    [
      'reconsideration',
      '所反映事项系对行政机关具体行政行为不服，应当通过行政复议途径解决。',
      '可自知道该行政行为之日起60日内向县人民政府申请行政复议',
    ],
    10,
  ],
  [
    ['handled', '所反映事项已于此前办结并书面答复，信访人未提出新的事实和理由。', '如对原处理意见不服，可依法请求复查'],
    20,
  ],
  [['notOurs', '所反映事项不属于本机关职权范围。', '请向有权处理的县级主管部门反映'], 15],
]);

const HANDED_DOWN = new Weighted<readonly [string, string]>([
  [['县信访局', '县信转'], 50],
  [['县人民政府办公室', '县政办转'], 15],
  [['县委办公室', '县委办转'], 10],
  [['县12345政务服务便民热线', '县热线转'], 25],
]);
const SKIPPED = new Weighted<SkippedLevel>([
  ['county', 70],
  ['city', 20],
  ['province', 8],
  ['national', 2],
]);
const SATISFACTION = new Weighted<Satisfaction>([
  ['satisfied', 62],
  ['basicallySatisfied', 24],
  ['dissatisfied', 9],
  ['unreachable', 5],
]);
const REPLY_FINDINGS = new Weighted<readonly [string, string]>([
  [['基本属实', '已责成相关单位和村委会限期整改落实，并将整改结果告知信访人'], 55],
  [['部分属实', '对属实部分已督促相关单位依法依规处理；其余诉求缺乏事实和政策依据，不予支持'], 30],
  [['不属实', '信访人所反映问题经调查不属实，诉求不予支持，已向信访人做好政策解释'], 15],
]);

// ---------------------------------------------------------------------------------------------
// Rows

type PetitionColumn = keyof Database['petitions'];

/** A row with every column: '' where the column defaults to '', null where it may be null. */
function blankPetition(): Record<PetitionColumn, unknown> {
  return {
    id: null,
    year: null,
    sequence: null,
    number: null,
    version: 1,
    status: 'registered',
    channel: null,
    source: 'desk',
    handed_down_from: '',
    handed_down_on: null,
    handed_down_reference: '',
    received_on: null,
    received_at: null,
    people_count: 1,
    group_visit: 0,
    letter_postmark_on: null,
    letter_from_address: '',
    letter_mail_number: '',
    letter_pages: null,
    category: null,
    matter: null,
    requests: '',
    village_id: null,
    place: '',
    department_concerned: '',
    reception_day_id: null,
    leader_name: '',
    repeat: 0,
    repeat_of_id: null,
    skipped_to: null,
    petitioner_names: null,
    acceptance_due_on: null,
    accepted_on: null,
    handling_unit: '',
    not_accepted_on: null,
    not_accepted_ground: null,
    not_accepted_reason: '',
    not_accepted_channel: '',
    handling_due_on: null,
    original_handling_due_on: null,
    extended_on: null,
    extension_days: null,
    extension_reason: '',
    leader_decision: null,
    leader_decided_on: null,
    leader_due_on: null,
    case_leader: '',
    assigned_department: '',
    assigned_person: '',
    replied_on: null,
    reply_facts: '',
    reply_opinion: '',
    reply_basis: '',
    replied_by_name: '',
    review_request_due_on: null,
    review_requested_on: null,
    review_body: '',
    review_due_on: null,
    reviewed_on: null,
    review_outcome: null,
    review_opinion: '',
    re_review_request_due_on: null,
    re_review_requested_on: null,
    re_review_body: '',
    re_review_due_on: null,
    re_reviewed_on: null,
    re_review_outcome: null,
    re_review_opinion: '',
    reply_delivered_on: null,
    reply_delivery_method: null,
    review_delivered_on: null,
    review_delivery_method: null,
    hearing_from: null,
    hearing_to: null,
    satisfaction: null,
    satisfaction_on: null,
    closed_on: null,
    running_due_on: null,
    last_step_on: null,
    request_id: null,
    registered_by_name: RECEPTIONIST,
    created_at: null,
    updated_at: null,
  };
}
const PETITION_COLUMNS = Object.keys(blankPetition()) as PetitionColumn[];
const PETITIONER_COLUMNS = [
  'id',
  'petition_id',
  'position',
  'resident_id',
  'name',
  'sex',
  'id_number',
  'phone',
  'address',
  'representative',
] as const satisfies ReadonlyArray<keyof Database['petitioners']>;
// `on` is a keyword of SQL: quoted, since the bulk inserter writes column names as given.
const EVENT_COLUMNS = [
  'id',
  'petition_id',
  'kind',
  '"on"',
  'to_body',
  'person',
  'note',
  'by_name',
  'created_at',
] as const;
const RECEPTION_DAY_COLUMNS = [
  'id',
  '"on"',
  'starts_at',
  'ends_at',
  'place',
  'leader_name',
  'leader_title',
  'note',
  'created_at',
  'updated_at',
] as const;

/** Petitions per transaction. */
const BATCH = 5000;

interface Resident {
  id: string;
  name: string;
  sex: string | null;
  id_number: string;
  phone: string;
  address: string;
  village_id: string | null;
  group_id: string | null;
}

/** What a repeat visit needs of the petition it repeats. */
interface Earlier {
  id: string;
  number: string;
  receivedOn: string;
  person: Resident;
  category: PetitionCategory;
  matter: string;
  requests: string;
}

const at = (day: string, time = '10:00') => {
  // Beijing time to UTC: the desk's day never crosses midnight.
  const [h, m] = time.split(':').map(Number) as [number, number];
  return `${day}T${String(h - 8).padStart(2, '0')}:${String(m).padStart(2, '0')}:00.000Z`;
};
const later = (a: string, b: string) => (a > b ? a : b);
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * The status the steps a generated petition took lead to, step by step as the petition kind
 * declares them (a move the declaration refuses stops the generator).
 */
function pathOf(row: Record<string, unknown>): PetitionStatus {
  const taken: [PetitionStep, PetitionStatus, unknown][] = [
    ['notAccept', 'notAccepted', row.not_accepted_on],
    ['accept', 'accepted', row.accepted_on],
    ['reply', 'replied', row.replied_on],
    ['requestReview', 'underReview', row.review_requested_on],
    ['recordReview', 'reviewed', row.reviewed_on],
    ['requestReReview', 'underReReview', row.re_review_requested_on],
    ['recordReReview', 'reReviewed', row.re_reviewed_on],
    ['close', 'closed', row.closed_on],
  ];
  return followPath(
    petitionKind,
    'registered',
    taken.filter(([, , on]) => on).map(([step, to]) => [step, to] as const),
  );
}

export async function seedDemoPetitions(db: Db, options: DemoPetitionsOptions): Promise<DemoPetitionsResult> {
  const { today } = options;
  const rng = new Rng(options.seed ^ 0x2c1b3c6d);
  const ids = new DemoIds(Date.parse(`${options.from}T00:00:00Z`), new Rng(options.seed ^ 0x68e31da4));
  const [settings, calendar, residents, villages, groups] = await Promise.all([
    readPetitionSettings(db),
    loadWorkingCalendar(db),
    db
      .selectFrom('residents')
      .select(['id', 'name', 'sex', 'id_number', 'phone', 'address', 'village_id', 'group_id'])
      .where('voided_at', 'is', null)
      .where('id_type', '=', 'residentId')
      // Petitioners are grown-ups.
      .where('birth_date', '<=', `${yearOf(today) - 18}${today.slice(4)}`)
      .execute(),
    db.selectFrom('villages').select(['id', 'name']).execute(),
    db.selectFrom('village_groups').select(['id', 'name']).execute(),
  ]);
  if (residents.length === 0) throw new Error('生成信访件需要居民');
  const counting = DEFAULT_PERIOD_COUNTING;
  const villageNames = new Map(villages.map((v) => [v.id, v.name]));
  const groupNames = new Map(groups.map((g) => [g.id, g.name]));
  const neighbours = new Map<string, Resident[]>();
  for (const r of residents) {
    const key = r.village_id ?? '';
    let list = neighbours.get(key);
    if (!list) neighbours.set(key, (list = []));
    list.push(r);
  }

  const isWorkingDay = (day: string) =>
    calendar.covers(yearOf(day)) ? calendar.isWorkingDay(day) : weekday(day) !== 0 && weekday(day) !== 6;
  /** A step taken on `day` or, when the office is closed then, the next working day. */
  const workday = (day: string) => {
    let d = day;
    while (!isWorkingDay(d)) d = addDays(d, 1);
    return d;
  };

  const inserters = {
    receptionDays: new BulkInserter('reception_days', RECEPTION_DAY_COLUMNS),
    petitions: new BulkInserter('petitions', PETITION_COLUMNS),
    petitioners: new BulkInserter('petitioners', PETITIONER_COLUMNS),
    events: new BulkInserter('petition_events', EVENT_COLUMNS),
  };

  // The leaders' reception days: every Monday the office works, the rota posted weeks ahead.
  const receptionDays = new Map<string, { id: string; leader: (typeof LEADERS)[number] }>();
  const receptionRows: unknown[][] = [];
  let turn = 0;
  for (let day = options.from; day <= addDays(options.to, ROTA_AHEAD_DAYS); day = addDays(day, 1)) {
    if (weekday(day) !== 1 || !isWorkingDay(day)) continue;
    const leader = LEADERS[turn++ % LEADERS.length]!;
    const id = ids.next();
    receptionDays.set(day, { id, leader });
    const posted = at(addDays(day, -7));
    receptionRows.push([
      id,
      day,
      '08:30',
      '11:30',
      RECEPTION_PLACE,
      leader.name,
      leader.title,
      rng.pick(RECEPTION_NOTES),
      posted,
      posted,
    ]);
  }
  await db.transaction().execute((tx) => inserters.receptionDays.insert(tx, receptionRows));

  // Numbers carry on from any the database already gave.
  const sequences = new Map<number, number>();
  for (const counter of await db
    .selectFrom('number_counters')
    .selectAll()
    .where('scope', 'like', 'petition:%')
    .execute())
    sequences.set(Number(counter.scope.slice('petition:'.length)), counter.last_value);

  let pending = { petitions: [] as unknown[][], petitioners: [] as unknown[][], events: [] as unknown[][] };
  let written = 0;
  const flush = async () => {
    const rows = pending;
    pending = { petitions: [], petitioners: [], events: [] };
    await db.transaction().execute(async (tx) => {
      await inserters.petitions.insert(tx, rows.petitions);
      await inserters.petitioners.insert(tx, rows.petitioners);
      await inserters.events.insert(tx, rows.events);
    });
    written += rows.petitions.length;
    options.onProgress?.(written);
  };

  const history: Earlier[] = [];
  let recentFrom = 0;
  const addPetitioner = (petitionId: string, position: number, r: Resident, representative: boolean, noId = false) =>
    pending.petitioners.push([
      ids.next(),
      petitionId,
      position,
      r.id,
      r.name,
      r.sex,
      noId ? '' : r.id_number,
      r.phone,
      r.address,
      representative ? 1 : 0,
    ]);
  const addEvent = (petitionId: string, kind: string, on: string, toBody: string, person: string, note: string) =>
    pending.events.push([ids.next(), petitionId, kind, on, toBody, person, note, RECEPTIONIST, at(on, '15:00')]);

  const days: string[] = [];
  for (let day = options.from; day <= options.to; day = addDays(day, 1)) if (isWorkingDay(day)) days.push(day);
  const perDay = options.count / Math.max(1, days.length);
  for (const [index, day] of days.entries()) {
    const todays = Math.round((index + 1) * perDay) - Math.round(index * perDay);
    // Repeats come back within a year.
    while (recentFrom < history.length && history[recentFrom]!.receivedOn < addDays(day, -365)) recentFrom++;
    for (let k = 0; k < todays; k++) {
      const id = ids.next();
      const row = blankPetition();
      const visit = rng.chance(0.7);
      const reception = visit ? receptionDays.get(day) : undefined;
      const onReceptionDay = reception !== undefined && rng.chance(0.5);
      const earlier =
        history.length > recentFrom && rng.chance(0.12) ? history[rng.int(recentFrom, history.length - 1)]! : null;
      const group = visit && !earlier && rng.chance(0.05 / 0.7);
      const skipped = rng.chance(0.02) ? SKIPPED.pick(rng) : null;
      const handedDown = (!visit && rng.chance(0.25)) || (skipped !== null && rng.chance(0.7));

      // The petitioners: the one who came before, a group's representatives, or someone new.
      const first = earlier?.person ?? rng.pick(residents);
      const fellows = neighbours.get(first.village_id ?? '') ?? residents;
      let peopleCount: number;
      const petitioners: Resident[] = [first];
      let representatives = 0;
      if (group) {
        peopleCount = 5 + Math.floor(25 * rng.float() ** 2);
        // A tiny demo village may hold fewer people than the group wants as representatives.
        const others = new Set(fellows.filter((r) => r !== first)).size;
        representatives = Math.min(peopleCount, rng.int(1, 5), others + 1);
        while (petitioners.length < representatives) {
          const r = rng.pick(fellows);
          if (!petitioners.includes(r)) petitioners.push(r);
        }
      } else if (visit) {
        const roll = rng.float();
        peopleCount = roll < 0.78 ? 1 : roll < 0.93 ? 2 : rng.int(3, 4);
      } else {
        peopleCount = rng.chance(0.88) ? 1 : rng.int(2, 8);
      }
      if (!group && peopleCount > 1 && rng.chance(0.5)) {
        const r = rng.pick(fellows);
        if (r !== first) petitioners.push(r);
      }
      // A letter often gives no ID number: the earlier petitions are then found by name and phone.
      const noId = !visit && rng.chance(0.4);
      petitioners.forEach((r, position) => addPetitioner(id, position, r, position < representatives, noId));

      const category: PetitionCategory = earlier?.category ?? (group ? GROUP_CATEGORIES : CATEGORIES).pick(rng);
      const village = villageNames.get(first.village_id ?? '') ?? '';
      const groupName = groupNames.get(first.group_id ?? '') ?? '';
      let matter: string;
      let requests: string;
      if (earlier) {
        matter = `${earlier.matter}此前已于${earlier.receivedOn}反映（${earlier.number}），对处理情况不满意，再次反映。`;
        requests = earlier.requests;
      } else {
        const other = rng.pick(fellows);
        [matter, requests] = rng.pick(MATTERS[category])({
          village,
          group: groupName,
          other: other === first ? rng.pick(residents).name : other.name,
          rng,
        });
        if (group) matter = `${village}${peopleCount}名群众集体来访，${matter}`;
      }

      const year = yearOf(day);
      const sequence = (sequences.get(year) ?? 0) + 1;
      sequences.set(year, sequence);
      const number = formatPetitionNumber(settings.numberPrefix, year, sequence);
      const receivedAt = onReceptionDay ? hhmm(rng.int(510, 680)) : visit ? hhmm(rng.int(495, 1050)) : null;
      const department = DEPARTMENTS[category];
      Object.assign(row, {
        id,
        year,
        sequence,
        number,
        channel: visit ? 'visit' : 'letter',
        received_on: day,
        received_at: receivedAt,
        people_count: peopleCount,
        group_visit: group ? 1 : 0,
        category,
        matter,
        requests,
        village_id: first.village_id,
        place: groupName,
        department_concerned: category === 'villageAffairs' ? `${village}村（居）民委员会` : department,
        repeat: earlier ? 1 : 0,
        repeat_of_id: earlier?.id ?? null,
        skipped_to: skipped,
        petitioner_names: petitionerNamesOf(first.name, peopleCount),
        request_id: ids.next(),
        created_at: at(day, receivedAt ?? '09:00'),
      });
      if (!visit)
        Object.assign(row, {
          letter_postmark_on: addDays(day, -rng.int(1, 4)),
          letter_from_address: first.address,
          letter_mail_number: rng.chance(0.6) ? `XA${rng.digits(11)}` : '',
          letter_pages: rng.int(1, 6),
        });
      if (handedDown) {
        const [from, prefix] = HANDED_DOWN.pick(rng);
        Object.assign(row, {
          source: 'handedDown',
          handed_down_from: from,
          handed_down_on: addDays(day, -rng.int(1, 6)),
          handed_down_reference: `${prefix}〔${year}〕${rng.int(1, 400)}号`,
        });
      }
      if (onReceptionDay) Object.assign(row, { reception_day_id: reception.id, leader_name: reception.leader.name });

      live(row, day, department, onReceptionDay ? reception.leader.name : null);
      pending.petitions.push(PETITION_COLUMNS.map((c) => row[c]));
      history.push({ id, number, receivedOn: day, person: first, category, matter, requests });
      if (pending.petitions.length >= BATCH) await flush();
    }
  }

  /** A step due lately and not taken yet: the desk has a few overdue ones open today, as any has. */
  function stuck(dueOn: string): boolean {
    return dueOn < today && dueOn >= addDays(today, -30) && rng.chance(0.12);
  }

  /** Takes the petition through its steps as far as `today`: statuses and deadlines as the desk keeps them. */
  function live(row: Record<PetitionColumn, unknown>, receivedOn: string, department: string, leader: string | null) {
    const id = row.id as string;
    const category = row.category as PetitionCategory;
    const acceptanceDueOn = periodEnd(calendar, receivedOn, PERIOD_DAYS.acceptance, counting.acceptance);
    const steps = [receivedOn];
    const finish = (status: PetitionStatus) => {
      if (pathOf(row) !== status) throw new Error(`演示数据：信访件的各环节应使其处于“${status}”`);
      const lastStep = steps.reduce(later);
      Object.assign(row, {
        status,
        acceptance_due_on: acceptanceDueOn,
        last_step_on: lastStep,
        updated_at: at(lastStep, '16:00'),
        running_due_on:
          runningDeadline({
            status,
            acceptanceDueOn,
            handlingDueOn: row.handling_due_on as string | null,
            reviewDueOn: row.review_due_on as string | null,
            reReviewDueOn: row.re_review_due_on as string | null,
          })?.dueOn ?? null,
      });
    };
    // A leader settles most on the spot; the hard ones get a deadline and a leader in charge.
    const onTheSpot = leader !== null && rng.chance(0.55);
    if (leader !== null)
      Object.assign(row, {
        leader_decision: onTheSpot ? 'onTheSpot' : 'deadline',
        leader_decided_on: receivedOn,
        leader_due_on: onTheSpot ? null : addDays(receivedOn, rng.int(15, 30)),
        case_leader: onTheSpot ? '' : leader,
      });

    // 受理 or 不予受理: mostly within days, now and then after the 15 days.
    if (!onTheSpot && stuck(acceptanceDueOn)) return finish('registered');
    const late = rng.chance(0.04);
    const decidedOn = onTheSpot
      ? receivedOn
      : late
        ? workday(addDays(acceptanceDueOn, rng.int(1, 12)))
        : (() => {
            const quick = addDays(receivedOn, rng.chance(0.8) ? rng.int(0, 5) : rng.int(6, 14));
            const onWorkday = workday(quick);
            return onWorkday <= acceptanceDueOn ? onWorkday : quick < acceptanceDueOn ? quick : acceptanceDueOn;
          })();
    if (decidedOn > today) return finish('registered');
    steps.push(decidedOn);
    if (leader === null && rng.chance(0.06)) {
      const [ground, reason, channel] = NOT_ACCEPTED.pick(rng);
      Object.assign(row, {
        not_accepted_on: decidedOn,
        not_accepted_ground: ground,
        not_accepted_reason: reason,
        not_accepted_channel: channel,
      });
      return finish('notAccepted');
    }
    const acceptedOn = decidedOn;
    const originalDueOn = handlingDeadline(calendar, acceptedOn, 0, counting.handling);
    let dueOn = originalDueOn;
    const person = rng.pick(STAFF);
    Object.assign(row, {
      accepted_on: acceptedOn,
      handling_unit: department,
      handling_due_on: dueOn,
      original_handling_due_on: originalDueOn,
    });
    const assignedOn = workday(addDays(acceptedOn, rng.int(0, 2)));
    if (assignedOn <= today) {
      addEvent(id, 'assigned', assignedOn, department, person, '请按期调查处理并拟写答复意见');
      Object.assign(row, { assigned_department: department, assigned_person: person });
    }

    // The one extension, taken before the 60 days run out.
    let extendedOn: string | null = null;
    if (!onTheSpot && rng.chance(0.08)) {
      const on = addDays(acceptedOn, rng.int(40, 58));
      if (on <= today && on <= originalDueOn) {
        const days = rng.pick([15, 20, 30, 30]);
        extendedOn = on;
        dueOn = handlingDeadline(calendar, acceptedOn, days, counting.handling);
        Object.assign(row, {
          extended_on: on,
          extension_days: days,
          extension_reason: '案情复杂，涉及多个部门，需进一步调查核实并协调处理',
          handling_due_on: dueOn,
        });
        steps.push(on);
      }
    }

    // The written reply: within the period as a rule, a few late.
    if (!onTheSpot && stuck(dueOn)) return finish('accepted');
    const window = daysBetween(extendedOn ?? acceptedOn, dueOn);
    const repliedOn = onTheSpot
      ? workday(addDays(acceptedOn, rng.int(0, 5)))
      : rng.chance(0.04)
        ? workday(addDays(dueOn, rng.int(1, 20)))
        : (() => {
            const on = addDays(extendedOn ?? acceptedOn, rng.int(Math.min(7, window), Math.max(0, window - 1)));
            const onWorkday = workday(on);
            return onWorkday <= dueOn ? onWorkday : on;
          })();
    const progressOn = addDays(acceptedOn, Math.floor(daysBetween(acceptedOn, repliedOn) / 2));
    if (!onTheSpot && progressOn > assignedOn && progressOn <= today && rng.chance(0.3))
      addEvent(id, 'progress', progressOn, '', '', `${department}已会同村委会实地调查，听取双方意见`);
    if (repliedOn > today) return finish('accepted');
    const [finding, opinion] = REPLY_FINDINGS.pick(rng);
    Object.assign(row, {
      replied_on: repliedOn,
      reply_facts: `经${department}会同村委会实地调查、查阅有关资料并听取各方意见，信访人所反映问题${finding}。`,
      reply_opinion: `${opinion}。`,
      reply_basis: BASIS[category],
      replied_by_name: RECEPTIONIST,
      // Handed over on the day of the reply: the review window counts from it.
      reply_delivered_on: repliedOn,
      reply_delivery_method: 'inPerson',
      review_request_due_on: periodEnd(calendar, repliedOn, PERIOD_DAYS.reviewRequest, counting.reviewRequest),
    });
    steps.push(repliedOn);

    const satisfactionOn = addDays(repliedOn, rng.int(3, 20));
    const satisfaction = satisfactionOn <= today && rng.chance(0.85) ? SATISFACTION.pick(rng) : null;
    if (satisfaction) Object.assign(row, { satisfaction, satisfaction_on: satisfactionOn });

    // 复查 and 复核, asked for by the dissatisfied mostly, answered by the level above.
    let answeredOn = repliedOn;
    let status: PetitionStatus = 'replied';
    if (rng.chance(satisfaction === 'dissatisfied' ? 0.35 : 0.02)) {
      const requestedOn = addDays(repliedOn, rng.int(5, 28));
      if (requestedOn > today) return finish('replied');
      const reviewDueOn = periodEnd(calendar, requestedOn, PERIOD_DAYS.review, counting.review);
      Object.assign(row, {
        review_requested_on: requestedOn,
        review_body: settings.reviewBody,
        review_due_on: reviewDueOn,
      });
      steps.push(requestedOn);
      const reviewedOn = rng.chance(0.05)
        ? addDays(reviewDueOn, rng.int(1, 10))
        : addDays(requestedOn, rng.int(10, daysBetween(requestedOn, reviewDueOn)));
      if (reviewedOn > today) return finish('underReview');
      const upheld = rng.chance(0.88);
      Object.assign(row, {
        reviewed_on: reviewedOn,
        review_outcome: upheld ? 'upheld' : 'changed',
        review_opinion: upheld
          ? '经复查，原答复意见认定事实清楚，处理恰当，予以维持。'
          : '经复查，原答复意见部分不当，予以变更。',
        review_delivered_on: reviewedOn,
        review_delivery_method: 'post',
        re_review_request_due_on: periodEnd(
          calendar,
          reviewedOn,
          PERIOD_DAYS.reReviewRequest,
          counting.reReviewRequest,
        ),
      });
      steps.push(reviewedOn);
      answeredOn = reviewedOn;
      status = 'reviewed';
      if (upheld && rng.chance(0.25)) {
        const reRequestedOn = addDays(reviewedOn, rng.int(5, 28));
        if (reRequestedOn > today) return finish('reviewed');
        const reReviewDueOn = periodEnd(calendar, reRequestedOn, PERIOD_DAYS.reReview, counting.reReview);
        Object.assign(row, {
          re_review_requested_on: reRequestedOn,
          re_review_body: settings.reviewBody,
          re_review_due_on: reReviewDueOn,
        });
        steps.push(reRequestedOn);
        const reReviewedOn = addDays(reRequestedOn, rng.int(10, daysBetween(reRequestedOn, reReviewDueOn)));
        if (reReviewedOn > today) return finish('underReReview');
        Object.assign(row, {
          re_reviewed_on: reReviewedOn,
          re_review_outcome: 'upheld',
          re_review_opinion: '经复核，维持复查意见。复核意见为最终处理意见。',
        });
        steps.push(reReviewedOn);
        answeredOn = reReviewedOn;
        status = 'reReviewed';
      }
    }

    // Closed some days after the last answer.
    const closedOn = workday(addDays(answeredOn, rng.int(3, 25)));
    if (closedOn > today) return finish(status);
    row.closed_on = closedOn;
    steps.push(closedOn);
    return finish('closed');
  }

  if (pending.petitions.length > 0) await flush();
  await db.transaction().execute(async (tx) => {
    for (const [year, value] of sequences)
      await tx
        .insertInto('number_counters')
        .values({ scope: petitionNumberScope(year), last_value: value })
        .onConflict((oc) => oc.column('scope').doUpdateSet({ last_value: value }))
        .execute();
  });
  return { petitions: written, receptionDays: receptionRows.length };
}
