import { Flex } from 'antd';
import { useRef, useState } from 'react';
import { MEDIATION_ADMINS } from '../../shared/mediation/committees';
import { useQuery } from '../api/useQuery';
import { useHasRole } from '../common/session';
import { LoadFailed } from '../common/LoadFailed';
import { useToday } from '../common/useToday';
import { CommitteesSection } from './CommitteesSection';
import { MediatorsSection, type MediatorFilter } from './MediatorsSection';

/**
 * 调委会与调解员: the committees (their seals and case-number prefixes) above, their mediators
 * below. Committee heads and the administrator keep both registers; the others read them.
 */
export function CommitteesTab() {
  const canEdit = useHasRole(MEDIATION_ADMINS);
  const year = Number(useToday().slice(0, 4));
  // Revoked committees too: a mediator may still be listed under one, and the table can show them.
  const committees = useQuery('mediation.committees', { includeInactive: true });
  const [filter, setFilter] = useState<MediatorFilter>({ committeeId: null, includeInactive: false });
  const mediators = useQuery('mediation.mediators', {
    ...(filter.committeeId ? { committeeId: filter.committeeId } : {}),
    includeInactive: filter.includeInactive,
  });
  const mediatorsHeading = useRef<HTMLHeadingElement>(null);

  if (committees.error) return <LoadFailed error={committees.error} what="调委会名录" onRetry={committees.reload} />;
  const allCommittees = committees.data?.committees ?? [];

  return (
    <Flex vertical gap={24}>
      <CommitteesSection
        committees={allCommittees}
        loading={committees.loading}
        year={year}
        canEdit={canEdit}
        onChanged={() => {
          committees.reload();
          mediators.reload();
        }}
        onShowMediators={(committee) => {
          setFilter((f) => ({ ...f, committeeId: committee.id }));
          mediatorsHeading.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
        }}
      />
      <MediatorsSection
        headingRef={mediatorsHeading}
        committees={allCommittees}
        mediators={mediators}
        filter={filter}
        onFilterChange={setFilter}
        canEdit={canEdit}
        onChanged={() => {
          mediators.reload();
          committees.reload();
        }}
      />
    </Flex>
  );
}
