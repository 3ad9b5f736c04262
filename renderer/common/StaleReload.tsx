import { App, Button } from 'antd';
import { createContext, useContext, useState } from 'react';
import { errorMessage } from '../api/client';

/**
 * What a form does when its save was refused because someone saved the same record meanwhile
 * (STALE): load the record as it now is. A step's dialog keeps what was typed (the page behind
 * it shows the newer record); an edit form's content is replaced, so it asks first.
 */
export interface StaleReloadOptions {
  reload: () => Promise<unknown> | unknown;
  replacesTyped?: boolean;
}

/** Set by a record page around its step dialogs: their forms reload the page's record. */
export const StaleReloadContext = createContext<StaleReloadOptions | null>(null);

export function useStaleReload(own?: StaleReloadOptions): StaleReloadOptions | null {
  const fromPage = useContext(StaleReloadContext);
  return own ?? fromPage;
}

/** The one way out of a STALE refusal, beside its message above the form. */
export function StaleReload({ reload, replacesTyped = false }: StaleReloadOptions) {
  const { modal, message } = App.useApp();
  const [busy, setBusy] = useState(false);
  async function load() {
    setBusy(true);
    try {
      await reload();
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button
      size="small"
      loading={busy}
      onClick={() =>
        replacesTyped
          ? modal.confirm({
              title: '载入最新内容？',
              content: '您在这里填写的内容将被别人最新保存的内容替换，请在载入后再改一遍。',
              okText: '载入最新内容',
              cancelText: '取消',
              onOk: load,
            })
          : void load()
      }
    >
      {replacesTyped ? '载入最新内容' : '载入最新情况'}
    </Button>
  );
}
