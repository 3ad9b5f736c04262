// Residents' matters (群众诉求, 三事分流) of a demo township's last three months, entered through
// the township's API by its clerk and grid worker — registered, triaged, replied and closed on
// their own dates — so each goes up to the county as the entries a real desk leaves (the demo
// generators of demo/ write counter cases, disputes and petitions in bulk instead; matters have
// no bulk generator, and a few dozen through the API cost a second).
import { randomUUID } from 'node:crypto';
import { addDays, daysBetween } from '../../shared/calendar/dates';
import type { MatterCategory, ReplyMethod } from '../../shared/matters/matters';
import { DEMO_PASSWORD } from '../../demo/demoTownship';
import { Rng } from '../../demo/random';
import type { Backend } from '../../electron/backend/backend';
import { signIn } from './townshipApi';

/** What residents raise, per category: the description, and the reply they were given. */
// prettier-ignore
const MATTERS: Record<MatterCategory, ReadonlyArray<readonly [description: string, reply: string]>> = {
  infrastructure: [
    ['村内主干道有多处坑洼，雨天积水，群众出行不便', '已安排村里组织人员填补坑洼并疏通边沟'],
    ['组里路灯坏了两盏，夜间出行不安全', '已联系电工更换灯具，路灯恢复照明'],
    ['自来水管道老化，近一个月停水三次', '已报请供水站检修，更换了破损管段'],
    ['桥头护栏松动，存在安全隐患', '已设置警示标志并加固护栏'],
  ],
  dispute: [
    ['相邻两户因宅基地边界发生争执，请求协调', '经村调委会现场丈量、说明政策，双方认可边界'],
    ['邻居排水沟改道，雨水流进自家院子', '经协调，邻居同意恢复原排水走向'],
    ['承包地流转租金迟迟未付', '已约请双方当面核对，承租方承诺月底前付清'],
  ],
  livelihood: [
    ['咨询城乡居民养老保险缴费档次及补贴', '已当面讲解缴费档次和政府补贴标准'],
    ['反映低保申请已提交一个多月，不知进度', '已查询办理进度并电话告知，材料正在公示'],
    ['家中老人行动不便，希望上门办理高龄补贴认证', '已安排网格员上门完成认证'],
    ['咨询残疾人两项补贴如何申请', '已告知所需材料并代为预约评残'],
  ],
  environment: [
    ['组里垃圾清运不及时，气味大', '已与保洁公司对接，调整为每日清运'],
    ['河道漂浮物较多，希望组织清理', '已组织河长和保洁员集中清理'],
    ['养殖户粪污直排沟渠', '已督促养殖户整改并建设收集池'],
  ],
  industry: [
    ['希望提供果树修剪和病虫害防治技术培训', '已协调农技站下月到村开展培训'],
    ['咨询农产品网上销售的扶持政策', '已介绍电商服务站政策并留下联系方式'],
    ['合作社申请小额贷款贴息，想了解条件', '已讲解贴息条件，指导准备申请材料'],
  ],
  other: [
    ['建议在村委会门口设置便民座椅', '建议已采纳，座椅已安装'],
    ['广场舞音响声音太大，影响休息', '已与活动组织者沟通，调低音量并约定结束时间'],
    ['希望村里开设老年人智能手机培训', '已联系志愿者每周开课一次'],
  ],
};
const CATEGORIES = Object.keys(MATTERS) as MatterCategory[];
const REPLY_METHODS: readonly ReplyMethod[] = ['inPerson', 'phone', 'inPerson', 'meeting', 'written'];
const REPORTERS = ['王桂兰', '李建国', '张秀英', '刘志强', '陈玉梅', '杨德明', '赵春燕', '黄海涛', '周淑珍', '吴国庆'];
/** Whom a 大事 of each category goes up to (提交统筹), and why; an `other` matter is never escalated. */
const ESCALATIONS: Partial<Record<MatterCategory, readonly [to: string, reason: string]>> = {
  infrastructure: ['县交通运输局', '道路、供水设施改造需列入县级建设计划，超出乡镇能力'],
  dispute: ['县自然资源局', '涉及宅基地、承包地权属认定，乡镇无权处理'],
  livelihood: ['县民政局', '救助政策的认定在县级部门，需县民政局统筹'],
  environment: ['县生态环境局', '污染源跨乡镇，需县生态环境局统筹整治'],
  industry: ['县农业农村局', '扶持资金与项目安排在县级，需县农业农村局统筹'],
};

export interface DemoMattersOptions {
  /** The last day of collection; the matters run over the 90 days before it. */
  today: string;
  count: number;
  seed: number;
}

/** Enters `count` matters through the township's API; returns how many. */
export async function enterDemoMatters(backend: Backend, options: DemoMattersOptions): Promise<number> {
  const rng = new Rng(options.seed ^ 0x3c6ef372);
  const villages = await backend.db
    .selectFrom('villages')
    .select(['id', 'name', 'kind'])
    .orderBy('sort_order')
    .execute();
  const gridVillage = await backend.db
    .selectFrom('agent_villages as a')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .select('a.village_id')
    .where('u.username', '=', 'demo-grid')
    .executeTakeFirst();
  if (villages.length === 0) throw new Error('演示乡镇中没有村（社区），无法登记群众诉求');
  const clerk = await signIn(backend, 'demo-clerk', DEMO_PASSWORD);
  const grid = gridVillage ? await signIn(backend, 'demo-grid', DEMO_PASSWORD) : null;

  // Collection days in order, so the 诉求编号 follow the dates as at a real desk.
  const days = Array.from({ length: options.count }, () => addDays(options.today, -rng.int(0, 90))).sort();
  for (const collectedOn of days) {
    const age = daysBetween(collectedOn, options.today);
    const stepOn = (after: number) => (after >= age ? options.today : addDays(collectedOn, after));
    const category = rng.pick(CATEGORIES);
    const [description, reply] = rng.pick(MATTERS[category]);
    const replyMethod = rng.pick(REPLY_METHODS);
    const byGrid = grid !== null && rng.chance(0.25);
    const village = byGrid ? villages.find((v) => v.id === gridVillage!.village_id)! : rng.pick(villages);
    const registrar = byGrid ? grid : clerk;
    const { matter } = await registrar.call('matters.register', {
      requestId: randomUUID(),
      source: byGrid ? 'grid' : rng.pick(['counter', 'counter', 'meeting', 'campaign'] as const),
      villageId: village.id,
      residentName: rng.chance(0.15)
        ? `${village.name}${village.kind === 'village' ? '村民' : '居民'}议事会`
        : rng.pick(REPORTERS),
      type: category === 'other' ? 'suggestion' : rng.chance(0.7) ? 'request' : 'problem',
      category,
      description,
      collectedOn,
    });
    // The newest are still waiting for their triage, as on any desk's worklist.
    if (age < 2 && rng.chance(0.5)) continue;
    const roll = rng.float();
    if (byGrid && roll < 0.6) {
      // 小事不出村: the grid worker settles it on the spot and records the reply.
      await grid.call('matters.settleInVillage', {
        id: matter.id,
        version: matter.version,
        repliedOn: collectedOn,
        triage: rng.chance(0.8) ? 'minor' : 'private',
        reply,
        replyMethod,
      });
      continue;
    }
    const decidedOn = stepOn(rng.int(0, 2));
    if (roll < 0.4) {
      const triage = category === 'dispute' || rng.chance(0.7) ? 'minor' : 'major';
      await clerk.call('matters.triage', {
        id: matter.id,
        version: matter.version,
        decidedOn,
        triage,
        handling: 'onTheSpot',
        reply,
        replyMethod,
      });
      continue;
    }
    if (roll < 0.5) {
      await clerk.call('matters.triage', {
        id: matter.id,
        version: matter.version,
        decidedOn,
        triage: 'private',
        handling: 'advised',
        reply: '已向反映人释明政策，属个人事务，由本人自行处理',
        replyMethod,
      });
      continue;
    }
    let version: number;
    const escalation = ESCALATIONS[category];
    if (roll < 0.9 || !escalation) {
      const major = rng.chance(0.4);
      const triaged = await clerk.call('matters.triage', {
        id: matter.id,
        version: matter.version,
        decidedOn,
        triage: major ? 'major' : 'minor',
        handling: 'deadline',
        ownerKind: major ? 'township' : 'villageCommittee',
        owner: major
          ? rng.pick(['乡镇综治中心', '乡镇农业农村办', '乡镇社会事务办'])
          : `${village.name}${village.kind === 'village' ? '委会' : '居委会'}`,
        workingDays: rng.pick([5, 10, 15]),
      });
      version = triaged.matter.version;
    } else {
      const [to, reason] = escalation;
      const triaged = await clerk.call('matters.triage', {
        id: matter.id,
        version: matter.version,
        decidedOn,
        triage: 'major',
        handling: 'escalated',
        escalatedTo: to,
        escalationReason: reason,
      });
      version = triaged.matter.version;
    }
    // Most of the older ones are answered and closed; the recent ones are still in hand.
    const replyAfter = rng.int(3, 25);
    if (replyAfter >= age) continue;
    const replied = await clerk.call('matters.reply', {
      id: matter.id,
      version,
      repliedOn: stepOn(replyAfter),
      reply,
      replyMethod,
    });
    const closeAfter = replyAfter + rng.int(0, 5);
    if (closeAfter >= age) continue;
    await clerk.call('matters.close', {
      id: matter.id,
      version: replied.matter.version,
      closedOn: stepOn(closeAfter),
      result: '群众认可，办结',
    });
  }
  return days.length;
}
