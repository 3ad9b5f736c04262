import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { call } from '../api/client';
import type { InputRef } from 'antd';

interface Props {
  townshipName: string;
  displayName: string;
  onUnlocked: () => void;
  onSignOut: () => void;
}

/**
 * Covers the whole window while the clerk is away. The shell hides the page behind it (not
 * just blurs it) and keeps it mounted, so a half-typed form is still there after unlocking.
 */
export function LockOverlay({ townshipName, displayName, onUnlocked, onSignOut }: Props) {
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<InputRef>(null);

  useEffect(() => {
    // The dialog opens with an animation; focus once it is there.
    const timer = window.setTimeout(() => input.current?.focus(), 50);
    return () => window.clearTimeout(timer);
  }, []);

  async function unlock() {
    if (!password) {
      setProblem('请输入密码');
      input.current?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await call('auth.unlock', { password });
      onUnlocked();
    } catch (error) {
      setProblem(error instanceof Error ? error.message : '解锁没有成功，请重试');
      setPassword('');
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  // An antd Modal rather than a plain overlay: every open dialog traps focus, and only the
  // most recently opened trap wins, so the lock must be a dialog too to get the keyboard.
  return (
    <Modal
      open
      title={null}
      footer={null}
      closable={false}
      keyboard={false}
      mask={{ closable: false }}
      zIndex={3000}
      centered
      width={400}
      styles={{ mask: { background: '#1f2d3d' } }}
      aria-label="屏幕已锁定"
    >
      <Flex vertical gap={16} style={{ padding: 8 }}>
        <Flex vertical align="center" gap={4}>
          <LockOutlined style={{ fontSize: 36, color: '#1a5fb4' }} />
          <Typography.Title level={3} style={{ margin: 0 }}>
            屏幕已锁定
          </Typography.Title>
          <Typography.Text type="secondary">
            {townshipName} · {displayName}
          </Typography.Text>
          <Typography.Text>请输入您的密码解锁。</Typography.Text>
        </Flex>
        {problem && <Alert type="error" showIcon title={problem} />}
        <Form layout="vertical" name="unlock" onFinish={() => void unlock()} requiredMark={false}>
          <Form.Item label="密码" htmlFor="unlock-password" style={{ marginBottom: 16 }}>
            <Input.Password
              id="unlock-password"
              ref={input}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              autoComplete="current-password"
              size="large"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            解锁
          </Button>
        </Form>
        <Button type="link" onClick={onSignOut}>
          换人登录（退出当前账号）
        </Button>
      </Flex>
    </Modal>
  );
}
