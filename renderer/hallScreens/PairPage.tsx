import { Button, Input } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { PAIRING_CODE_PATTERN } from '../../shared/hallScreens/screens';
import { ApiCallError, call, errorMessage } from '../api/client';

/**
 * Pairing this browser as a hall screen: the code from the administrator's 大厅设备 page, carried
 * by the link (`#/screen/pair?code=…`, then sent at once) or typed. The host answers with the
 * screen's own cookie; the screen's page follows.
 */
export function PairPage({
  initialCode,
  notice,
  onPaired,
}: {
  initialCode: string;
  /** Why this screen shows the pairing page (revoked, never paired). */
  notice?: string;
  onPaired: () => void;
}) {
  const [code, setCode] = useState(initialCode);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sentFromLink = useRef(false);

  async function pair(value: string) {
    if (!PAIRING_CODE_PATTERN.test(value.trim())) {
      setProblem('配对码为 6 位数字');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await call('hallScreens.pair', { code: value.trim() });
      onPaired();
    } catch (error) {
      setProblem(
        error instanceof ApiCallError ? (Object.values(error.fieldErrors)[0] ?? error.message) : errorMessage(error),
      );
    } finally {
      setBusy(false);
    }
  }

  // The link's code is used once, as soon as the page opens: nobody need touch the TV.
  useEffect(() => {
    if (!initialCode || sentFromLink.current) return;
    sentFromLink.current = true;
    void pair(initialCode);
  }, [initialCode]);

  return (
    <main className="hall-screen hall-screen-centred">
      {notice && (
        <p className="hall-screen-notice" role="alert">
          {notice}
        </p>
      )}
      <h1 className="hall-screen-title">配对大厅设备</h1>
      <p className="hall-screen-detail">
        请系统管理员在“系统管理 → 大厅设备”中添加本设备，把得到的 6 位配对码输入下面（10 分钟内有效）。
      </p>
      <form
        className="hall-screen-pair-form"
        onSubmit={(event) => {
          event.preventDefault();
          void pair(code);
        }}
      >
        <Input
          aria-label="配对码"
          value={code}
          onChange={(event) => setCode(event.target.value.replace(/\D/g, '').slice(0, 6))}
          inputMode="numeric"
          autoComplete="off"
          autoFocus
          size="large"
          className="hall-screen-code-input"
        />
        <Button type="primary" htmlType="submit" size="large" loading={busy}>
          配对
        </Button>
      </form>
      {problem && (
        <p className="hall-screen-problem" role="alert">
          {problem}
        </p>
      )}
    </main>
  );
}
