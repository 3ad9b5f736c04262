import { Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/** The frame of the screens before sign-in: the product, the township, one card. */
export function CenteredPanel({
  township,
  title,
  children,
  width = 420,
}: {
  township?: string;
  title: string;
  children: ReactNode;
  width?: number;
}) {
  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 24, background: '#f0f2f5' }}>
      <Typography.Title level={2} style={{ marginBottom: 4 }}>
        乡镇一站通
      </Typography.Title>
      {township && (
        <Typography.Text type="secondary" style={{ fontSize: 16, marginBottom: 24 }}>
          {township}
        </Typography.Text>
      )}
      <Card title={title} style={{ width, maxWidth: '100%', marginTop: township ? 0 : 20 }}>
        {children}
      </Card>
    </Flex>
  );
}
