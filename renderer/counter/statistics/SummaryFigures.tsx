import { Card, Flex, Statistic, Typography } from 'antd';
import type { PeriodSummary } from '../../../shared/counter/ledgerApi';
import { formatPercentage } from '../../../shared/counter/statistics';
import { chineseDate } from '../../common/dates';

interface FigureProps {
  label: string;
  value: string | number;
  /** 件 for counts; none for a rate (the value carries its %). */
  unit?: string;
  /** How it is counted: the numerator and denominator beside a rate. */
  detail: string;
  highlight?: 'good' | 'bad';
}

/** One figure, announced by its name (a region), so it can be found and read out as a unit. */
function Figure({ label, value, unit, detail, highlight }: FigureProps) {
  const colour = highlight === 'bad' ? '#cf1322' : highlight === 'good' ? '#389e0d' : undefined;
  return (
    <Card size="small" style={{ height: '100%' }}>
      <section aria-label={label}>
        <Statistic title={label} value={value} suffix={unit} styles={{ content: { color: colour } }} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {detail}
        </Typography.Text>
      </section>
    </Card>
  );
}

/** The figures the county asks for each month, quarter and year, each rate with what it divides. */
export function SummaryFigures({ summary }: { summary: PeriodSummary }) {
  const { counts, rates } = summary;
  // The counts first (受理 = 办结 + 在办 + 作废), then the rates with the ratings.
  const countFigures: FigureProps[] = [
    {
      label: '受理',
      value: counts.accepted,
      unit: '件',
      detail: `另收件未受理：不予受理 ${summary.notAccepted} 件，待补齐材料 ${summary.awaitingMaterials} 件`,
    },
    {
      label: '办结',
      value: counts.completed,
      unit: '件',
      detail: `其中按时办结 ${counts.completedOnTime} 件，超期办结 ${counts.completedLate} 件`,
    },
    {
      label: '在办',
      value: counts.open,
      unit: '件',
      detail: `截至${chineseDate(summary.asOf)}尚未办结`,
    },
    {
      label: '超期',
      value: summary.overdue,
      unit: '件',
      detail: `${chineseDate(summary.asOf)}仍未办结、已过承诺办结日期的在办件（不论何时受理）；另有本期受理的超期办结 ${counts.completedLate} 件`,
      highlight: summary.overdue > 0 ? 'bad' : undefined,
    },
    { label: '作废', value: counts.voided, unit: '件', detail: '受理后作废的件' },
  ];
  const rateFigures: FigureProps[] = [
    {
      label: '当场办结率',
      value: formatPercentage(rates.onTheSpot),
      detail: `当场办结 ${counts.completedOnTheSpot} 件 / 受理 ${counts.accepted} 件`,
    },
    {
      label: '按时办结率',
      value: formatPercentage(rates.onTime),
      detail: `按时办结 ${counts.completedOnTime} 件 / 办结 ${counts.completed} 件`,
    },
    {
      label: '满意率',
      value: formatPercentage(rates.satisfaction),
      detail: `满意及非常满意 ${counts.satisfied} 件 / 已评价 ${counts.rated} 件`,
    },
    {
      label: '差评',
      value: counts.poorRatings,
      unit: '件',
      detail: '不满意、非常不满意，均须整改回访',
      highlight: counts.poorRatings > 0 ? 'bad' : undefined,
    },
  ];
  return (
    <Flex vertical gap={12}>
      {[countFigures, rateFigures].map((figures) => (
        <Flex key={figures[0]!.label} gap={12} wrap>
          {figures.map((figure) => (
            <div key={figure.label} style={{ flex: '1 1 200px' }}>
              <Figure {...figure} />
            </div>
          ))}
        </Flex>
      ))}
    </Flex>
  );
}
