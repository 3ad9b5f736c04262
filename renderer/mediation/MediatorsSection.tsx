import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Flex, Select, Typography } from 'antd';
import { useState, type Ref } from 'react';
import type { CommitteeRecord, MediatorRecord } from '../../shared/mediation/committees';
import { ApiCallError, call } from '../api/client';
import type { QueryState } from '../api/useQuery';
import { useHasRole } from '../common/session';
import { LoadFailed } from '../common/LoadFailed';
import { committeeOptionLabel } from './labels';
import { MediatorDialog } from './MediatorDialog';
import { MediatorsTable } from './MediatorsTable';

export interface MediatorFilter {
  /** Null: every committee. */
  committeeId: string | null;
  includeInactive: boolean;
}

interface Props {
  headingRef: Ref<HTMLHeadingElement>;
  /** Every committee, revoked ones included. */
  committees: readonly CommitteeRecord[];
  mediators: QueryState<{ mediators: MediatorRecord[] }>;
  filter: MediatorFilter;
  onFilterChange: (filter: MediatorFilter) => void;
  canEdit: boolean;
  /** A mediator was saved: both registers are read again (the committees count their mediators). */
  onChanged: () => void;
}

export function MediatorsSection({
  headingRef,
  committees,
  mediators,
  filter,
  onFilterChange,
  canEdit,
  onChanged,
}: Props) {
  const { message } = App.useApp();
  const isAdministrator = useHasRole(['administrator']);
  const [dialog, setDialog] = useState<{ open: boolean; mediator: MediatorRecord | null }>({
    open: false,
    mediator: null,
  });

  async function reloadMediator(id: string): Promise<MediatorRecord> {
    const answer = await call('mediation.mediators', { includeInactive: true });
    onChanged();
    const fresh = answer.mediators.find((m) => m.id === id);
    if (!fresh)
      throw new ApiCallError('mediation.mediators', { code: 'NOT_FOUND', message: '名册中已找不到这位调解员' });
    setDialog({ open: true, mediator: fresh });
    return fresh;
  }

  return (
    <section aria-labelledby="mediation-mediators-heading">
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 12 }}>
        <Typography.Title level={4} id="mediation-mediators-heading" ref={headingRef} style={{ margin: 0 }}>
          人民调解员
        </Typography.Title>
        <Flex gap={16} align="center" wrap>
          <Select
            aria-label="按调委会筛选"
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="全部调委会"
            style={{ width: 300 }}
            value={filter.committeeId ?? undefined}
            onChange={(committeeId?: string) => onFilterChange({ ...filter, committeeId: committeeId ?? null })}
            options={committees.map((c) => ({ value: c.id, label: committeeOptionLabel(c) }))}
          />
          <Checkbox
            checked={filter.includeInactive}
            onChange={(event) => onFilterChange({ ...filter, includeInactive: event.target.checked })}
          >
            显示不在册的
          </Checkbox>
          {canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ open: true, mediator: null })}>
              新增调解员
            </Button>
          )}
        </Flex>
      </Flex>
      {mediators.error ? (
        <LoadFailed error={mediators.error} what="调解员名册" onRetry={mediators.reload} />
      ) : (
        <MediatorsTable
          mediators={mediators.data?.mediators ?? []}
          loading={mediators.loading}
          onEdit={canEdit ? (mediator) => setDialog({ open: true, mediator }) : null}
        />
      )}
      {canEdit && (
        <MediatorDialog
          open={dialog.open}
          mediator={dialog.mediator}
          committees={committees}
          defaultCommitteeId={committees.find((c) => c.id === filter.committeeId && c.active)?.id ?? null}
          canLinkAccounts={isAdministrator}
          onClose={() => setDialog((d) => ({ ...d, open: false }))}
          onSaved={(mediator) => {
            message.success(`已保存调解员 ${mediator.name}`);
            onChanged();
          }}
          onReload={reloadMediator}
        />
      )}
    </section>
  );
}
