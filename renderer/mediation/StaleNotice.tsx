import { App, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../api/client';

interface Props {
  /** Loads the record as it is now and puts it on the form. */
  onReload: () => Promise<void>;
}

/**
 * Someone saved the same record meanwhile (STALE): what was typed stays on the form until the
 * user chooses to load the newer version, which replaces it.
 */
export function StaleNotice({ onReload }: Props) {
  const { modal, message } = App.useApp();
  const [busy, setBusy] = useState(false);

  async function reload() {
    setBusy(true);
    try {
      await onReload();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Flex gap={12} align="center" wrap style={{ marginBottom: 16 }}>
      <Typography.Text type="secondary">需要先载入别人保存的最新内容，再在其上修改。</Typography.Text>
      <Button
        loading={busy}
        onClick={() =>
          modal.confirm({
            title: '重新载入最新内容？',
            content: '您在这里填写的内容将被最新保存的内容替换，请在重新载入后再改一遍。',
            okText: '重新载入',
            cancelText: '取消',
            onOk: reload,
          })
        }
      >
        重新载入最新内容
      </Button>
    </Flex>
  );
}
