import { ImportOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useRef } from 'react';
import { MAX_UPLOAD_BYTES } from '../../shared/api/uploads';
import { call } from '../api/client';
import { PickedFileLine, useFileSend } from '../common/PickedFile';
import { formatBytes } from '../common/formatBytes';
import { instructionsChanged } from '../common/instructions/instructionEvents';

/**
 * 导入回执文件: the `.tdsync` file the county's hub gave back for the USB stick. It confirms the
 * batches the hub applied and brings the catalog, the calendar and instructions down.
 * Importing the same file twice changes nothing, so no confirmation is asked. The file is
 * uploaded first (with its progress on the hall host), then imported; a failure keeps the chosen
 * file beside the button with the reason and 重试.
 */
export function ImportReplyButton({ disabled, onDone }: { disabled: boolean; onDone: () => void }) {
  const { modal } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const send = useFileSend(
    async (file, receipt) => {
      try {
        return await call('sync.importFile', { fileName: file.name.slice(-200), uploadId: receipt.uploadId });
      } finally {
        // A refused import may have changed the status too (a revoked node): it is read again either way.
        onDone();
      }
    },
    (answer) => {
      modal.success({ title: '回执文件已导入', content: answer.message });
      instructionsChanged();
    },
  );

  function choose(file: File | undefined) {
    if (!file) return;
    if (file.size === 0) return send.refuse(file, `回执文件：“${file.name}”是空文件`);
    if (file.size > MAX_UPLOAD_BYTES) {
      return send.refuse(
        file,
        `回执文件：“${file.name}”有 ${formatBytes(file.size)}，超过了回执文件的上限 ${formatBytes(MAX_UPLOAD_BYTES)}`,
      );
    }
    void send.send(file);
  }

  return (
    <>
      <Button icon={<ImportOutlined />} loading={send.busy} disabled={disabled} onClick={() => input.current?.click()}>
        导入回执文件
      </Button>
      <input
        ref={input}
        type="file"
        accept=".tdsync"
        aria-label="回执文件"
        style={{ display: 'none' }}
        onChange={(event) => {
          choose(event.target.files?.[0]);
          event.target.value = '';
        }}
      />
      <PickedFileLine send={send} label="所选回执文件" />
    </>
  );
}
