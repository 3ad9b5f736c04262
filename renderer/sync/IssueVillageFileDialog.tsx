import { Alert, App, Form, Input, InputNumber, Select, Typography } from 'antd';
import type { VillageNodeRecord } from '../../shared/sync/villageNodesApi';
import { call } from '../api/client';
import { useQuery } from '../api/useQuery';
import { FormDialog } from '../common/FormDialog';
import { downloadFile } from '../common/fileDownload';
import { href, paths } from '../common/router';

interface Values {
  villageId: string;
  name: string;
  validDays: number;
}

const FIELDS = ['villageId', 'name', 'validDays'];
const DEFAULT_VALID_DAYS = 7;

/** The link that resolves “大厅网络未开放”: the administrator opens it there and comes back. */
export function HallNetworkLink() {
  return <Typography.Link href={href(paths.system('hallNetwork'))}>打开“系统管理 → 大厅网络”</Typography.Link>;
}

/**
 * 发放入网文件: a one-time enrollment file for one village's node (the village committee's PC or
 * an agent's laptop). The keys are made on the village's machine when it imports the file; the
 * file names the hall's 大厅网络 address and certificate, so the township refuses to issue one
 * while the LAN is closed — with its own sentence and a link to open it. Saved as soon as it is
 * issued: the file is shown this once.
 */
export function IssueVillageFileDialog({
  open,
  nodes,
  onClose,
  onDone,
}: {
  open: boolean;
  /** The nodes already issued, to say which villages have one in use. */
  nodes: readonly VillageNodeRecord[];
  onClose: () => void;
  onDone: (node: VillageNodeRecord) => void;
}) {
  const { modal } = App.useApp();
  const villages = useQuery('places.listVillages', open ? {} : null);
  const inUse = (villageId: string | undefined) =>
    nodes.filter((n) => n.villageId === villageId && n.status === 'active').map((n) => n.name);
  return (
    <FormDialog<Values>
      open={open}
      title="发放村级节点入网文件"
      okText="发放并下载"
      name="village-file"
      width={560}
      fields={FIELDS}
      initialValues={{ validDays: DEFAULT_VALID_DAYS }}
      intro={
        <Typography.Paragraph type="secondary">
          村里的电脑（村委会电脑或代办员的笔记本）导入这个文件后生成自己的密钥，经大厅网络与乡镇同步；没有网络的村改用 U
          盘文件。入网文件只能使用一次，请当面或用 U 盘交给村里的系统管理员。
        </Typography.Paragraph>
      }
      errorAction={(error) => (error.code === 'CONFLICT' ? <HallNetworkLink /> : null)}
      onSubmit={async (values) => {
        const answer = await call('villageNodes.create', {
          villageId: values.villageId,
          name: values.name,
          validDays: values.validDays,
        });
        downloadFile(answer.fileUrl);
        onDone(answer.node);
        modal.success({
          title: `已为“${answer.node.villageName}”发放入网文件`,
          content: `“${answer.fileName}”已开始下载。请交给${answer.node.villageName}的系统管理员，在村里电脑的“同步 → 导入入网文件”导入（${values.validDays} 天内有效，只能使用一次）。文件只下载这一次；如遗失，请停用“${answer.node.name}”后重新发放。`,
        });
      }}
      onClose={onClose}
    >
      {(server, form) => (
        <>
          {villages.error && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 16 }}
              title={`村（社区）列表没有读出来：${villages.error.message}`}
            />
          )}
          <Form.Item noStyle shouldUpdate={(before, after) => before.villageId !== after.villageId}>
            {() => {
              const used = inUse(form.getFieldValue('villageId') as string | undefined);
              return (
                <Form.Item
                  name="villageId"
                  label="村（社区）"
                  rules={[{ required: true, message: '请选择村（社区）' }]}
                  extra={
                    used.length > 0
                      ? `这个村已有在用的节点：${used.join('、')}。再发一个也可以（如代办员的笔记本电脑）。`
                      : undefined
                  }
                  {...server.fieldStatus('villageId')}
                >
                  <Select<string>
                    autoFocus
                    showSearch={{ optionFilterProp: 'label' }}
                    loading={villages.loading}
                    placeholder="输入村名查找"
                    options={(villages.data?.items ?? []).map((v) => ({ value: v.id, label: v.name }))}
                  />
                </Form.Item>
              );
            }}
          </Form.Item>
          <Form.Item
            name="name"
            label="节点名称"
            extra="在乡镇的节点列表里认得出这台电脑即可"
            rules={[
              { required: true, whitespace: true, message: '请填写节点名称' },
              { max: 40, message: '节点名称不能超过 40 个字' },
            ]}
            {...server.fieldStatus('name')}
          >
            <Input placeholder="如：东岗村村委会、赵代办的笔记本" maxLength={40} />
          </Form.Item>
          <Form.Item
            name="validDays"
            label="有效天数"
            extra="村里须在这些天内导入，过期须重新发放"
            rules={[
              { required: true, message: '有效天数：请填写 1–30 之间的整数' },
              { type: 'integer', min: 1, max: 30, message: '有效天数：请填写 1–30 之间的整数' },
            ]}
            {...server.fieldStatus('validDays')}
          >
            {/* No min/max: a number out of range is said beside the field, not silently changed. */}
            <InputNumber precision={0} suffix="天" style={{ width: 140 }} />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}
