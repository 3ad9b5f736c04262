import { Alert, Button, Card, Col, Row, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { hasAnyRole, RESIDENT_EDITORS } from '../../shared/auth/roles';
import { COUNTER_READERS, COUNTER_STAFF } from '../../shared/counter/casesApi';
import { PETITION_STAFF } from '../../shared/petitions/api';
import { useQuery } from '../api/useQuery';
import { CalendarNotice } from '../calendar/DeadlineAdjustments';
import { MyDeadlineCounts } from '../counter/MyDeadlineCounts';
import { OverdueToday } from '../counter/statistics/OverdueToday';
import { PetitionDeadlineCounts } from '../petitions/PetitionDeadlineCounts';
import { homeCardsFor, type HomeCard } from './homeCards';
import { href, paths } from '../common/router';
import { sectionByKey } from './sections';
import { useHasRole, useSession } from '../common/session';

function greeting(hour: number): string {
  if (hour < 9) return '早上好';
  if (hour < 12) return '上午好';
  if (hour < 14) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

export function HomePage() {
  const { info, system } = useSession();
  const cards = homeCardsFor(info.user.roles);
  const isAdministrator = useHasRole(['administrator']);
  return (
    <div style={{ maxWidth: 1100 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {greeting(dayjs().hour())}，{info.user.displayName}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        今天是 {dayjs(system.today).format('YYYY年M月D日 dddd')}。按 <Typography.Text keyboard>/</Typography.Text> 或{' '}
        <Typography.Text keyboard>F3</Typography.Text> 可在居民页面直接查找。
      </Typography.Paragraph>
      {isAdministrator && <VillagesReminder />}
      {isAdministrator && <BackupReminder />}
      <CalendarNotice isAdministrator={isAdministrator} />
      <Row gutter={[16, 16]}>
        {cards.map((card) => (
          <Col key={card.section} xs={24} md={12} xl={8}>
            <WorkCard card={card} />
          </Col>
        ))}
      </Row>
    </div>
  );
}

function WorkCard({ card }: { card: HomeCard }) {
  const section = sectionByKey(card.section);
  const canEditResidents = useHasRole(RESIDENT_EDITORS);
  const { info } = useSession();
  const isCounterStaff = hasAnyRole(info.user.roles, COUNTER_STAFF);
  const isPetitionStaff = hasAnyRole(info.user.roles, PETITION_STAFF);
  const readsCounter = hasAnyRole(info.user.roles, COUNTER_READERS);
  const links = card.links.filter(
    (link) => (!link.editorsOnly || canEditResidents) && (!link.roles || hasAnyRole(info.user.roles, link.roles)),
  );
  return (
    <Card title={section.label} style={{ height: '100%' }}>
      <Typography.Paragraph>{card.description}</Typography.Paragraph>
      {card.section === 'counter' && isCounterStaff && <MyDeadlineCounts />}
      {card.section === 'petitions' && isPetitionStaff && <PetitionDeadlineCounts />}
      {card.section === 'statistics' && readsCounter && <OverdueToday />}
      <Space wrap>
        {links.map((link, index) => (
          <Button key={link.path} type={index === 0 ? 'primary' : 'default'} href={href(link.path)}>
            {link.label}
          </Button>
        ))}
      </Space>
    </Card>
  );
}

/** A fresh installation cannot register anyone until its villages exist. */
function VillagesReminder() {
  const villages = useQuery('places.listVillages', {});
  if (!villages.data || villages.data.items.length > 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title="还没有设置村（社区）"
      description="登记居民时需要选择所属村（社区）。请先添加本乡镇的村（社区）及村民小组。"
      action={
        <Button type="primary" href={href(paths.system('villages'))}>
          添加村（社区）
        </Button>
      }
    />
  );
}

/** Red when the township's records are not safely copied: never set up, too old, or failed. */
function BackupReminder() {
  const backup = useQuery('backup.status', {});
  const warning = backup.data?.warning;
  if (!warning) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title="数据备份需要处理"
      description={warning}
      action={<Button href={href(paths.system('backup'))}>备份与恢复</Button>}
    />
  );
}
