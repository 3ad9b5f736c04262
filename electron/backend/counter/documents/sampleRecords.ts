// Made-up but realistic records for the counter's test pages (打印样张) and tests: one resident
// of 城关镇 applying for 临时救助 and for 门诊慢特病 recognition, with the demo catalog's
// materials. Each call returns a fresh record, so a caller may change it freely.
import type {
  AcceptanceReceiptRecord,
  HallInfo,
  MaterialLine,
  MissingMaterialsNoticeRecord,
  NonAcceptanceNoticeRecord,
  ResultNoticeRecord,
} from './records';

export function sampleHall(): HallInfo {
  return { townshipName: '城关镇', hallName: '城关镇便民服务中心', queryPhone: '0372-5123456' };
}

const resident = () => ({ residentName: '李秀英', idNumberMasked: '410523********3021' });

const temporaryAssistance = () => ({
  itemCode: 'MZ-003',
  itemName: '临时救助申请',
  department: '社会事务办公室',
});

const chronicDisease = () => ({
  itemCode: 'YB-005',
  itemName: '门诊慢特病待遇认定申请',
  department: '社会保障服务中心',
});

function temporaryAssistanceMaterials(): MaterialLine[] {
  return [
    { name: '临时救助申请书', form: 'original', copies: 1, note: '本人签字（捺手印）' },
    { name: '居民身份证', form: 'originalAndCopy', copies: 1, note: '查验原件后退还' },
    { name: '居民户口簿', form: 'originalAndCopy', copies: 1, note: '户主页及本人页' },
    { name: '困难情况证明材料', form: 'copy', copies: 1, note: '如医疗费用票据、火灾或交通事故证明等' },
    { name: '社会保障卡或银行卡', form: 'copy', copies: 1, note: '本人名下，用于发放补助资金' },
  ];
}

/** 承诺件 accepted on Monday 2026-10-12, promised ten working days later. */
export function sampleAcceptanceReceipt(): AcceptanceReceiptRecord {
  return {
    hall: sampleHall(),
    caseNumber: 'SL-2026-000015',
    ...resident(),
    ...temporaryAssistance(),
    handlingType: 'promised',
    materials: temporaryAssistanceMaterials(),
    acceptedOn: '2026-10-12',
    promisedDate: '2026-10-26',
    promisedWorkingDays: 10,
    forwardedTo: null,
    completedOnTheSpot: false,
    window: '2号窗口（民政）',
    clerkName: '王晓燕',
  };
}

/** Three of the five materials of 门诊慢特病 recognition still missing. */
export function sampleMissingMaterialsNotice(): MissingMaterialsNoticeRecord {
  return {
    hall: sampleHall(),
    ...resident(),
    ...chronicDisease(),
    received: [
      { name: '门诊慢特病待遇认定申请表', form: 'original', copies: 1, note: '本人签字' },
      { name: '居民身份证', form: 'originalAndCopy', copies: 1, note: '查验原件后退还' },
    ],
    missing: [
      { name: '二级及以上医疗机构诊断证明', form: 'original', copies: 1, note: '加盖医院公章' },
      { name: '病历及相关检查报告', form: 'copy', copies: 1, note: '近一年内' },
      { name: '出院记录', form: 'copy', copies: 1, note: '有住院经历的提供' },
    ],
    legalBasis: '《中华人民共和国社会保险法》；《国务院关于整合城乡居民基本医疗保险制度的意见》',
    noticeOn: '2026-10-12',
    window: '4号窗口（社保医保）',
    clerkName: '张伟',
  };
}

export function sampleNonAcceptanceNotice(): NonAcceptanceNoticeRecord {
  return {
    hall: sampleHall(),
    ...resident(),
    ...chronicDisease(),
    reason:
      '申请人参加的是职工基本医疗保险，职工医保门诊慢特病待遇认定由参保单位统一向县医疗保障局申报，不属于本中心受理范围',
    redirectTo: '县医疗保障局（县政务服务中心二楼医保窗口）',
    noticeOn: '2026-10-12',
    window: '4号窗口（社保医保）',
    clerkName: '张伟',
  };
}

export function sampleResultNotice(): ResultNoticeRecord {
  return {
    hall: sampleHall(),
    caseNumber: 'SL-2026-000015',
    ...resident(),
    ...temporaryAssistance(),
    result: 'approved',
    note: '经入户调查、村民委员会评议和公示，申请人家庭因病致困情况属实，符合临时救助条件，核定给予临时救助金人民币贰仟元整（￥2000.00），自本通知书出具之日起10个工作日内发放至申请人本人社会保障卡。',
    acceptedOn: '2026-10-12',
    completedOn: '2026-10-23',
    promisedDate: '2026-10-26',
    clerkName: '王晓燕',
  };
}
