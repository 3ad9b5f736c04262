// Red, yellow and green counts of a worklist (the counter's cases, residents' matters): one rule
// of colours (shared/calendar/deadlines.ts), one way of showing and filtering by them.
import { Card, Col, Row, Statistic } from 'antd';
import { DEADLINE_COLOUR_LABELS, DEADLINE_COLOURS, type DeadlineColour } from '../../shared/calendar/deadlines';

export type DeadlineCountsValue = Record<DeadlineColour, number>;

const TEXT_COLOURS: Record<DeadlineColour, string> = { red: '#cf1322', yellow: '#d48806', green: '#389e0d' };
const BACKGROUNDS: Record<DeadlineColour, string> = { red: '#fff1f0', yellow: '#fffbe6', green: '#f6ffed' };

const TITLES: Record<DeadlineColour, string> = {
  red: `${DEADLINE_COLOUR_LABELS.red}（红）`,
  yellow: `${DEADLINE_COLOUR_LABELS.yellow}（黄）`,
  green: `${DEADLINE_COLOUR_LABELS.green}（绿）`,
};

interface Props {
  counts: DeadlineCountsValue;
  /** The colour the list is filtered by; clicking a card toggles it. Without it the cards only show. */
  selected?: DeadlineColour | null;
  onSelect?: (colour: DeadlineColour | null) => void;
  size?: 'small' | 'default';
}

/** Red, yellow and green: how many open cases are overdue, nearly due, on time. */
export function DeadlineCounts({ counts, selected = null, onSelect, size = 'default' }: Props) {
  return (
    <Row gutter={[12, 12]}>
      {DEADLINE_COLOURS.map((colour) => {
        const active = selected === colour;
        const card = (
          <Card
            size="small"
            hoverable={onSelect !== undefined}
            styles={size === 'small' ? { body: { padding: '6px 10px' } } : undefined}
            style={{
              background: BACKGROUNDS[colour],
              borderColor: active ? TEXT_COLOURS[colour] : undefined,
              borderWidth: active ? 2 : undefined,
            }}
          >
            <Statistic
              title={size === 'small' ? DEADLINE_COLOUR_LABELS[colour] : TITLES[colour]}
              value={counts[colour]}
              suffix="件"
              styles={{ content: { color: TEXT_COLOURS[colour], fontSize: size === 'small' ? 20 : 28 } }}
            />
          </Card>
        );
        return (
          <Col key={colour} span={8}>
            {onSelect ? (
              <div
                role="button"
                tabIndex={0}
                aria-pressed={active}
                aria-label={`${TITLES[colour]} ${counts[colour]} 件${active ? '，正在筛选，再点一次取消' : '，点击筛选'}`}
                style={{ cursor: 'pointer' }}
                onClick={() => onSelect(active ? null : colour)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' || event.key === ' ') {
                    event.preventDefault();
                    onSelect(active ? null : colour);
                  }
                }}
              >
                {card}
              </div>
            ) : (
              card
            )}
          </Col>
        );
      })}
    </Row>
  );
}
