// The county's columns: which of the desks' figures the overview and the reports show, in the
// county's words, in the order the upper levels' forms ask for them (DOMAIN.md §9).
import type { FigureDesk } from '../../shared/figures/figureEvents';
import type { FigureColumn, FigureColumnKind } from '../../shared/sync/countyFiguresApi';

type Spec = [key: string, label: string, kind?: FigureColumnKind];

const SPECS: Record<FigureDesk, Spec[]> = {
  counter: [
    ['accepted', '受理'],
    ['completed', '办结'],
    ['completedOnTheSpot', '当场办结'],
    ['onTheSpot', '当场办结率', 'rate'],
    ['onTime', '按时办结率', 'rate'],
    ['overdue', '超期在办'],
    ['rated', '评价'],
    ['satisfaction', '满意率', 'rate'],
  ],
  errands: [
    ['registered', '代办登记'],
    ['handedOver', '交窗口'],
    ['delivered', '已送达'],
  ],
  mediation: [
    ['sweeps', '排查次数'],
    ['found', '排查发现'],
    ['accepted', '受理'],
    ['settled', '调解成功'],
    ['successRate', '调解成功率', 'rate'],
    ['courtConfirmed', '司法确认'],
    ['acceptedAmountFen', '涉及金额', 'fen'],
  ],
  petitions: [
    ['visitBatches', '来访批次'],
    ['visitPeople', '来访人次'],
    ['groupVisitBatches', '集体访'],
    ['accepted', '受理'],
    ['replied', '答复'],
    ['repliedOnTime', '按期答复'],
    ['overdue', '超期'],
  ],
  matters: [
    ['collected', '收集'],
    ['onTheSpot', '当即解决'],
    ['deadline', '限期解决'],
    ['escalated', '提交统筹'],
    ['replied', '已答复'],
    ['replyRate', '答复率', 'rate'],
  ],
};

export const COUNTY_COLUMNS: readonly FigureColumn[] = (Object.keys(SPECS) as FigureDesk[]).flatMap((desk) =>
  SPECS[desk].map(([key, label, kind = 'count']) => ({
    desk,
    key,
    id: `${desk}.${key}`,
    label,
    kind,
    listable: kind === 'count',
  })),
);

export function columnOf(desk: string, key: string): FigureColumn | undefined {
  return COUNTY_COLUMNS.find((c) => c.desk === desk && c.key === key);
}
