import { Alert, App, Form, Input } from 'antd';
import type { VillageNodeRecord } from '../../shared/sync/villageNodesApi';
import { call } from '../api/client';
import { FormDialog } from '../common/FormDialog';

/**
 * 停用 a village node (its PC scrapped, lost or replaced): from now on the township refuses
 * everything it sends, and its numbers it never drew come back. Asked with the reason, which is
 * recorded; it cannot be undone (a new file is issued instead).
 */
export function RetireVillageNodeDialog({
  node,
  onClose,
  onDone,
}: {
  node: VillageNodeRecord | null;
  onClose: () => void;
  onDone: (node: VillageNodeRecord) => void;
}) {
  const { message } = App.useApp();
  return (
    <FormDialog<{ reason: string }>
      open={node !== null}
      title={node ? `停用“${node.name}”（${node.villageName}）` : '停用村级节点'}
      okText="停用"
      name="village-retire"
      fields={['reason']}
      intro={
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="停用后，乡镇拒收这台电脑发来的一切数据，且不能恢复。"
          description="它此前发来的记录先并入乡镇；它没有用掉的编号收回再用。该村仍要用电脑办事的，请重新发放入网文件。"
        />
      }
      onSubmit={async ({ reason }) => {
        if (!node) return;
        const answer = await call('villageNodes.retire', { id: node.id, version: node.version, reason });
        onDone(answer.node);
        void message.success(`已停用“${answer.node.name}”`);
      }}
      onClose={onClose}
    >
      {(server) => (
        <Form.Item
          name="reason"
          label="停用原因"
          rules={[
            { required: true, whitespace: true, message: '请填写停用原因' },
            { max: 200, message: '停用原因不能超过 200 个字' },
          ]}
          {...server.fieldStatus('reason')}
        >
          <Input autoFocus placeholder="如：笔记本电脑丢失；村委会换了新电脑" maxLength={200} />
        </Form.Item>
      )}
    </FormDialog>
  );
}
