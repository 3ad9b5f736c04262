import { Result } from 'antd';
import type { PlannedSection } from './router';
import { sectionByKey } from './sections';

export function PlannedSectionPage({ section }: { section: PlannedSection }) {
  const { label } = sectionByKey(section);
  return <Result status="info" title={label} subTitle={`${label}功能尚未开放，将在后续版本提供。`} />;
}
