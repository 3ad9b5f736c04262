import { Flex, Spin } from 'antd';

export function Loading({ text = '正在加载……' }: { text?: string }) {
  return (
    <Flex justify="center" align="center" style={{ padding: 64 }}>
      <Spin description={text} size="large">
        <div style={{ width: 160, height: 40 }} />
      </Spin>
    </Flex>
  );
}
