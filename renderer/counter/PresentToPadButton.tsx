import { App, Button, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { caseKind } from '../../shared/counter/caseKind';
import type { CaseRecord } from '../../shared/counter/casesApi';
import type { WindowPad } from '../../shared/hallScreens/api';
import { canTake, type Actor } from '../../shared/workflow/kind';
import { call, errorMessage } from '../api/client';
import { lastWindow, rememberWindow } from './counterPrefs';

/** The rating pad as the declaration sees it: it takes the `rate` step, nothing else. */
const RATING_PAD: Actor = { id: '', roles: [], villageIds: [], committeeIds: [], screen: 'ratingPad' };

/** While the resident has the pad, the case is read again this often to show their rating. */
const WAIT_FOR_RATING_MS = 3000;
const WAIT_AT_MOST_MS = 15 * 60_000;

/**
 * 请群众评价: sends a delivered, not yet rated case to the rating pad of this window (the window
 * this computer remembers, or one chosen), where the resident rates it themselves. The page then
 * follows the case until their rating arrives.
 */
export function PresentToPadButton({
  record,
  today,
  reload,
}: {
  record: CaseRecord;
  today: string;
  reload: () => void;
}) {
  const { message } = App.useApp();
  const [choosing, setChoosing] = useState<WindowPad[] | null>(null);
  const [chosen, setChosen] = useState<string | undefined>();
  const [waitingSince, setWaitingSince] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const rateable = canTake(caseKind, 'rate', record, RATING_PAD, today);

  useEffect(() => {
    if (waitingSince === null || !rateable) return;
    const timer = setInterval(() => {
      if (Date.now() - waitingSince > WAIT_AT_MOST_MS) setWaitingSince(null);
      else reload();
    }, WAIT_FOR_RATING_MS);
    return () => clearInterval(timer);
  }, [waitingSince, rateable, reload]);

  if (!rateable) return null;

  async function present(windowName: string) {
    setBusy(true);
    try {
      const pad = await call('hallScreens.present', { caseId: record.id, windowName });
      rememberWindow(windowName);
      setChoosing(null);
      setWaitingSince(Date.now());
      void message.success(`已送到${pad.screenName}，请群众在评价器上点选`);
    } catch (error) {
      void message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  async function start() {
    try {
      const { pads } = await call('hallScreens.windowPads', {});
      const here = lastWindow();
      if (pads.some((p) => p.windowName === here)) return void (await present(here));
      if (pads.length === 0) {
        void message.warning('还没有已配对的评价器：请系统管理员在“系统管理 → 大厅设备”中添加');
        return;
      }
      setChosen(pads[0]!.windowName);
      setChoosing(pads);
    } catch (error) {
      void message.error(errorMessage(error));
    }
  }

  return (
    <>
      <Button onClick={() => void start()} loading={busy}>
        {waitingSince === null ? '请群众评价' : '等待群众评价……（再次发送）'}
      </Button>
      {choosing && (
        <Modal
          open
          title="送到哪个窗口的评价器？"
          okText="发送"
          cancelText="取消"
          confirmLoading={busy}
          onOk={() => chosen && void present(chosen)}
          onCancel={() => setChoosing(null)}
        >
          <Typography.Paragraph type="secondary">
            本机记住的窗口没有评价器，请选择群众面前的评价器。
          </Typography.Paragraph>
          <Select
            aria-label="评价器"
            style={{ width: '100%' }}
            value={chosen}
            onChange={setChosen}
            options={choosing.map((p) => ({ value: p.windowName, label: `${p.windowName}（${p.screenName}）` }))}
          />
        </Modal>
      )}
    </>
  );
}
