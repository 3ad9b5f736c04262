import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Checkbox, Flex, Typography } from 'antd';
import { useState } from 'react';
import type { CommitteeRecord } from '../../shared/mediation/committees';
import { ApiCallError, call } from '../api/client';
import { CommitteeDialog } from './CommitteeDialog';
import { CommitteesTable } from './CommitteesTable';

interface Props {
  /** Every committee, revoked ones included. */
  committees: readonly CommitteeRecord[];
  loading: boolean;
  year: number;
  canEdit: boolean;
  /** A committee was saved: both registers are read again (names and counts change). */
  onChanged: () => void;
  onShowMediators: (committee: CommitteeRecord) => void;
}

export function CommitteesSection({ committees, loading, year, canEdit, onChanged, onShowMediators }: Props) {
  const { message } = App.useApp();
  const [showRevoked, setShowRevoked] = useState(false);
  // The record stays after closing, so the dialog keeps its content while it fades out.
  const [dialog, setDialog] = useState<{ open: boolean; committee: CommitteeRecord | null }>({
    open: false,
    committee: null,
  });
  const shown = showRevoked ? committees : committees.filter((c) => c.active);
  const revoked = committees.length - committees.filter((c) => c.active).length;

  async function reloadCommittee(id: string): Promise<CommitteeRecord> {
    const answer = await call('mediation.committees', { includeInactive: true });
    onChanged();
    const fresh = answer.committees.find((c) => c.id === id);
    if (!fresh)
      throw new ApiCallError('mediation.committees', { code: 'NOT_FOUND', message: '名录中已找不到这个调委会' });
    setDialog({ open: true, committee: fresh });
    return fresh;
  }

  return (
    <section aria-labelledby="mediation-committees-heading">
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 12 }}>
        <Typography.Title level={4} id="mediation-committees-heading" style={{ margin: 0 }}>
          人民调解委员会
        </Typography.Title>
        <Flex gap={16} align="center">
          <Checkbox checked={showRevoked} onChange={(event) => setShowRevoked(event.target.checked)}>
            显示已撤销的（{revoked} 个）
          </Checkbox>
          {canEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ open: true, committee: null })}>
              新建调委会
            </Button>
          )}
        </Flex>
      </Flex>
      <CommitteesTable
        committees={shown}
        loading={loading}
        year={year}
        onEdit={canEdit ? (committee) => setDialog({ open: true, committee }) : null}
        onShowMediators={onShowMediators}
      />
      {canEdit && (
        <CommitteeDialog
          open={dialog.open}
          committee={dialog.committee}
          year={year}
          onClose={() => setDialog((d) => ({ ...d, open: false }))}
          onSaved={(committee) => {
            message.success(`已保存 ${committee.name}`);
            onChanged();
          }}
          onReload={reloadCommittee}
        />
      )}
    </section>
  );
}
