import { Select } from 'antd';
import { useState } from 'react';
import { RECORD_KIND_LABELS } from '../../../shared/mediation/disputes';
import type { AttachmentRecord, DisputeDetail } from '../../../shared/mediation/disputesApi';
import { call } from '../../api/client';
import { AttachmentsCard as Attachments } from '../../common/AttachmentsCard';

interface Props {
  detail: DisputeDetail;
  /** Closed or refused disputes take no more files. */
  canAdd: boolean;
  onAdded: (attachment: AttachmentRecord) => void;
}

/** 附件: photos and scans stored in the data folder with their SHA-256, listed by the record they belong to. */
export function AttachmentsCard({ detail, canAdd, onAdded }: Props) {
  const [recordId, setRecordId] = useState<string | null>(null);
  const records = detail.records;
  const recordLabel = (id: string | null) => {
    const record = records.find((r) => r.id === id);
    return record ? `${record.heldOn} ${RECORD_KIND_LABELS[record.kind]}` : '整个纠纷';
  };

  return (
    <Attachments<AttachmentRecord>
      attachments={detail.attachments}
      canAdd={canAdd}
      add={(upload) => call('mediation.addAttachment', { disputeId: detail.dispute.id, recordId, ...upload })}
      fileUrl={async (row) => (await call('mediation.attachmentFile', { attachmentId: row.id })).fileUrl}
      onAdded={onAdded}
      extraControls={
        <Select
          aria-label="附件所属记录"
          style={{ width: 220 }}
          value={recordId ?? ''}
          onChange={(value: string) => setRecordId(value || null)}
          options={[
            { value: '', label: '整个纠纷' },
            ...records.map((r) => ({ value: r.id, label: recordLabel(r.id) })),
          ]}
        />
      }
      extraColumns={[{ title: '所属', key: 'record', width: 160, render: (_, row) => recordLabel(row.recordId) }]}
    />
  );
}
