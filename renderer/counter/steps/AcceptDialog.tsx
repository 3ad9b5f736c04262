import { Alert, Checkbox, Flex, Form, Input, Radio } from 'antd';
import { RECEIPT_PAPER_LABELS, RECEIPT_PAPERS, type ReceiptPaper } from '../../../shared/counter/casesApi';
import { FormDialog } from '../../common/FormDialog';
import { lastReceiptPaper, lastWindow, rememberReceiptPaper, rememberWindow } from '../counterPrefs';
import { MaterialsChecklist, missingRequired } from '../MaterialsChecklist';
import type { CaseStepProps } from './caseStep';

interface AcceptValues {
  receivedMaterials: string[];
  window: string;
  receiptPaper: ReceiptPaper;
  completeNow: boolean;
}

/** 待补齐材料 → 受理: the checklist again, what was handed over before still ticked. */
export function AcceptDialog({ record, send, onClose }: CaseStepProps<'accept'>) {
  const immediate = record.item.handlingType === 'immediate';
  return (
    <FormDialog<AcceptValues>
      open
      title="材料补齐，受理"
      okText="受理"
      name="case-accept"
      width={680}
      fields={['receivedMaterials', 'window', 'receiptPaper', 'completeNow']}
      initialValues={{
        receivedMaterials: record.materials.filter((m) => m.received).map((m) => m.name),
        window: lastWindow() || record.window,
        receiptPaper: lastReceiptPaper(),
        completeNow: immediate,
      }}
      onSubmit={async (values) => {
        await send({
          receivedMaterials: values.receivedMaterials,
          window: values.window,
          receiptPaper: values.receiptPaper,
          ...(immediate ? { completeNow: values.completeNow } : {}),
        });
        rememberWindow(values.window);
        rememberReceiptPaper(values.receiptPaper);
      }}
      onClose={onClose}
    >
      {(server, form) => (
        <>
          <Form.Item
            name="receivedMaterials"
            label="已收材料（此前已收的已勾选，请勾选这次补交的）"
            {...server.fieldStatus('receivedMaterials')}
          >
            <MaterialsChecklist id="accept-material" materials={record.materials} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate>
            {() => {
              const missing = missingRequired(record.materials, form.getFieldValue('receivedMaterials') ?? []);
              return missing.length > 0 ? (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginBottom: 16 }}
                  title={`仍缺必需材料：${missing.join('、')}`}
                  description="材料补齐后才能受理。"
                />
              ) : null;
            }}
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item
              name="window"
              label="受理窗口"
              style={{ width: 200 }}
              rules={[{ required: true, whitespace: true, message: '请填写受理窗口' }]}
              {...server.fieldStatus('window')}
            >
              <Input maxLength={20} />
            </Form.Item>
            <Form.Item name="receiptPaper" label="回执纸张" {...server.fieldStatus('receiptPaper')}>
              <Radio.Group
                optionType="button"
                options={RECEIPT_PAPERS.map((p) => ({ value: p, label: RECEIPT_PAPER_LABELS[p] }))}
              />
            </Form.Item>
          </Flex>
          {immediate && (
            <Form.Item name="completeNow" valuePropName="checked" {...server.fieldStatus('completeNow')}>
              <Checkbox>即办件：受理并当场办结</Checkbox>
            </Form.Item>
          )}
        </>
      )}
    </FormDialog>
  );
}
