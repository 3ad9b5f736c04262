import { App } from 'antd';
import { useState } from 'react';
import { navigate, paths } from '../common/router';
import { forget, recall } from '../common/sessionMemory';
import { DRAFT_KEY } from './draft';
import type { ResidentFormValues } from './formValues';
import { ResidentForm } from './ResidentForm';

export function ResidentNewPage() {
  const { message } = App.useApp();
  const [draft] = useState(() => {
    const value = recall<Partial<ResidentFormValues>>(DRAFT_KEY);
    forget(DRAFT_KEY);
    return value;
  });
  return (
    <ResidentForm
      draft={draft}
      onSaved={(record) => {
        message.success(`已登记居民 ${record.name}`);
        navigate(paths.resident(record.id), { replace: true });
      }}
      onCancel={() => navigate(paths.residentSearch)}
    />
  );
}
