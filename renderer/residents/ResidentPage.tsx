import { App } from 'antd';
import { useState } from 'react';
import type { ResidentRecord } from '../../shared/residents/api';
import { useQuery } from '../api/useQuery';
import { navigate, paths } from '../common/router';
import { Loading } from '../common/Loading';
import { LoadFailed } from '../common/LoadFailed';
import { ResidentDetails } from './ResidentDetails';
import { ResidentForm } from './ResidentForm';
import { ResidentHistoryCard } from './ResidentHistoryCard';

/**
 * One resident, viewed or edited. Opening the record reads it once (an audited read);
 * switching to editing and back reuses it, and a save shows what the backend stored. Below the
 * record: the person's cases, errands, disputes and petitions, as far as the viewer reads them.
 */
export function ResidentPage({ id, editing }: { id: string; editing: boolean }) {
  const loaded = useQuery('residents.get', { id });
  const [saved, setSaved] = useState<ResidentRecord | null>(null);
  const { message } = App.useApp();
  const record = saved && (!loaded.data || saved.version >= loaded.data.version) ? saved : loaded.data;

  if (!record) {
    if (loaded.error) return <LoadFailed error={loaded.error} what="居民信息" onRetry={loaded.reload} />;
    return <Loading text="正在打开居民信息……" />;
  }
  if (editing) {
    return (
      <ResidentForm
        key={record.version}
        initial={record}
        onSaved={(updated) => {
          setSaved(updated);
          message.success(`已保存 ${updated.name} 的信息`);
          navigate(paths.resident(id));
        }}
        onCancel={() => navigate(paths.resident(id))}
        onReload={() => {
          setSaved(null);
          loaded.reload();
        }}
      />
    );
  }
  return (
    <>
      <ResidentDetails record={record} />
      <div style={{ maxWidth: 1000 }}>
        <ResidentHistoryCard residentId={record.id} />
      </div>
    </>
  );
}
