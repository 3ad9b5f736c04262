import { Flex, Tag, Typography } from 'antd';
import { PETITION_LIST_LIMIT } from '../../shared/petitions/api';
import type { DeadlineColour } from '../../shared/petitions/periods';
import { useQuery } from '../api/useQuery';
import { href, paths } from '../common/router';
import { remember } from '../common/sessionMemory';
import { DEADLINE_TAG_COLOURS } from '../common/DeadlineTag';
import { NO_PETITION_FILTER, PETITION_FILTER_KEY, type PetitionFilter } from './PetitionListTab';

const WORDS: Record<'red' | 'yellow', string> = { red: '已超期', yellow: '临近期限' };

/** On the home page's 信访 card: how many petitions are overdue and nearly due, each opening the list so filtered. */
export function PetitionDeadlineCounts() {
  const red = useQuery('petitions.list', { colour: 'red', limit: PETITION_LIST_LIMIT });
  const yellow = useQuery('petitions.list', { colour: 'yellow', limit: PETITION_LIST_LIMIT });
  const error = red.error ?? yellow.error;
  if (error) {
    return (
      <Typography.Paragraph type="secondary">信访件的期限预警暂时没有加载出来：{error.message}</Typography.Paragraph>
    );
  }
  if (!red.data || !yellow.data) return null;
  const counts: [DeadlineColour & keyof typeof WORDS, number, boolean][] = [
    ['red', red.data.petitions.length, red.data.truncated],
    ['yellow', yellow.data.petitions.length, yellow.data.truncated],
  ];
  return (
    <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
      <Typography.Text type="secondary">信访件期限：</Typography.Text>
      {counts.map(([colour, count, more]) => (
        <a
          key={colour}
          href={href(paths.petitions())}
          onClick={() => remember<PetitionFilter>(PETITION_FILTER_KEY, { ...NO_PETITION_FILTER, colour })}
          aria-label={`${WORDS[colour]} ${count}${more ? '件以上' : '件'}，打开信访件列表`}
        >
          <Tag color={count > 0 ? DEADLINE_TAG_COLOURS[colour] : 'default'} style={{ cursor: 'pointer' }}>
            {`${WORDS[colour]} ${count}${more ? '+' : ''} 件`}
          </Tag>
        </a>
      ))}
    </Flex>
  );
}
