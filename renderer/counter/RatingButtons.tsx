import { FrownOutlined, MehOutlined, SmileOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import type { ReactNode } from 'react';
import { POOR_LEVELS, RATING_LEVEL_LABELS, RATING_LEVELS, type RatingLevel } from '../../shared/counter/casesApi';

const ICONS: Record<RatingLevel, ReactNode> = {
  verySatisfied: <SmileOutlined />,
  satisfied: <SmileOutlined />,
  basicallySatisfied: <MehOutlined />,
  dissatisfied: <FrownOutlined />,
  veryDissatisfied: <FrownOutlined />,
};

const COLOURS: Record<RatingLevel, string> = {
  verySatisfied: '#389e0d',
  satisfied: '#52c41a',
  basicallySatisfied: '#d4b106',
  dissatisfied: '#fa8c16',
  veryDissatisfied: '#cf1322',
};

/** The five levels as buttons big enough for the resident to tap on the counter's screen. */
export function RatingButtons({ value, onChange }: { value?: RatingLevel; onChange?: (level: RatingLevel) => void }) {
  return (
    <Flex gap={10} wrap role="radiogroup" aria-label="评价等级">
      {RATING_LEVELS.map((level) => {
        const chosen = value === level;
        return (
          <Button
            key={level}
            role="radio"
            aria-checked={chosen}
            type={chosen ? 'primary' : 'default'}
            icon={ICONS[level]}
            onClick={() => onChange?.(level)}
            style={{
              flex: '1 1 110px',
              height: 88,
              fontSize: 20,
              flexDirection: 'column',
              gap: 4,
              ...(chosen
                ? { background: COLOURS[level], borderColor: COLOURS[level] }
                : { color: COLOURS[level], borderColor: COLOURS[level] }),
            }}
          >
            {RATING_LEVEL_LABELS[level]}
          </Button>
        );
      })}
    </Flex>
  );
}

export function isPoor(level: RatingLevel): boolean {
  return POOR_LEVELS.includes(level);
}
