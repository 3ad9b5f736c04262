// Made-up but realistic records for the errand papers' test pages (打印样张) and tests: 赵建国,
// the village agent of 东岗村 in 城关镇, runs errands for three elderly residents with items of
// the demo catalog that may be run by an agent, and hands their materials over at the counter.
// ID numbers are masked as maskIdNumber masks them. Each call returns a fresh record.
import type { MaterialLine } from '../../documents/records';
import { sampleHall } from '../../documents/sampleRecords';
import type { ErrandAuthorisationRecord, HandoverListRecord } from './records';

const agent = () => ({ agentName: '赵建国', villageName: '东岗村' });

const LI_XIUYING = { residentName: '李秀英', idNumberMasked: '4105**********3021' };
const WANG_GUILAN = { residentName: '王桂兰', idNumberMasked: '4105**********4026' };
const ZHANG_DEFU = { residentName: '张德福', idNumberMasked: '4105**********1517' };

/** MZ-006 of the demo catalog: the whole list, one material optional. */
function elderlyCareSubsidyMaterials(): (MaterialLine & { required: boolean })[] {
  return [
    { name: '养老服务补贴申请表', form: 'original', copies: 1, required: true, note: '本人或赡养人签字' },
    { name: '居民身份证', form: 'originalAndCopy', copies: 1, required: true, note: '查验原件后退还' },
    { name: '居民户口簿', form: 'originalAndCopy', copies: 1, required: true, note: '户主页及本人页' },
    {
      name: '失能等级评估结论',
      form: 'copy',
      copies: 1,
      required: false,
      note: '申请失能老年人护理补贴的提供',
    },
    {
      name: '社会保障卡或银行卡',
      form: 'copy',
      copies: 1,
      required: true,
      note: '本人名下，用于发放补助资金',
    },
  ];
}

/** 李秀英 authorises 赵建国 on Monday 2026-10-12 to apply for the 养老服务补贴. */
export function sampleErrandAuthorisation(): ErrandAuthorisationRecord {
  return {
    hall: sampleHall(),
    ...LI_XIUYING,
    itemCode: 'MZ-006',
    itemName: '经济困难老年人养老服务补贴申请',
    department: '社会事务办公室',
    ...agent(),
    materials: elderlyCareSubsidyMaterials(),
    authorisedOn: '2026-10-12',
    authorisationNumber: 'WT-2026-000017',
  };
}

/** 李秀英's errand as handed over: the required materials, the optional one not needed. */
function liXiuyingErrand(): HandoverListRecord['errands'][number] {
  return {
    caseNumber: 'SL-2026-000021',
    ...LI_XIUYING,
    itemName: '经济困难老年人养老服务补贴申请',
    materials: elderlyCareSubsidyMaterials()
      .filter((material) => material.required)
      .map(({ name, form, copies }) => ({ name, form, copies })),
    // 15 working days after Wednesday 2026-10-14.
    promisedDate: '2026-11-04',
  };
}

/** Three errands handed over at the counter on Wednesday 2026-10-14. */
export function sampleHandoverList(): HandoverListRecord {
  return {
    hall: sampleHall(),
    ...agent(),
    handedOverOn: '2026-10-14',
    window: '1号窗口（综合受理）',
    clerkName: '王晓燕',
    errands: [
      liXiuyingErrand(),
      {
        caseNumber: 'SL-2026-000022',
        ...WANG_GUILAN,
        itemName: '城乡居民基本养老保险待遇领取申请',
        materials: [
          { name: '城乡居民基本养老保险待遇申领表', form: 'original', copies: 1 },
          { name: '居民身份证', form: 'originalAndCopy', copies: 1 },
          { name: '居民户口簿', form: 'copy', copies: 1 },
          { name: '社会保障卡或银行卡', form: 'copy', copies: 1 },
        ],
        promisedDate: '2026-10-28',
      },
      {
        caseNumber: 'SL-2026-000023',
        ...ZHANG_DEFU,
        itemName: '困难残疾人生活补贴和重度残疾人护理补贴申请',
        materials: [
          { name: '残疾人两项补贴申请审批表', form: 'original', copies: 1 },
          { name: '居民身份证', form: 'originalAndCopy', copies: 1 },
          { name: '第二代残疾人证', form: 'originalAndCopy', copies: 1 },
          { name: '低保证或其他困难证明', form: 'copy', copies: 1 },
          { name: '社会保障卡或银行卡', form: 'copy', copies: 1 },
        ],
        promisedDate: '2026-11-11',
      },
    ],
  };
}
