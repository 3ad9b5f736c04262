import { Alert, DatePicker, Form, Input, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ErrandRecord } from '../../../shared/counter/errandsApi';
import { call, isApiCallError } from '../../api/client';
import { FormDialog } from '../../common/FormDialog';
import { chineseDate, toDateString } from '../../common/dates';
import { MaterialsChecklist, missingRequired } from '../MaterialsChecklist';

export type ErrandDialogKind = 'collect' | 'withdraw' | 'deliver';

export interface ErrandDialogState {
  kind: ErrandDialogKind;
  errand: ErrandRecord;
  /** Kept after closing, so the dialog's content stays while it fades out. */
  open: boolean;
}

interface Props {
  dialog: ErrandDialogState | null;
  today: string;
  onClose: () => void;
  /** The errand as the command left it. */
  onDone: (errand: ErrandRecord, kind: ErrandDialogKind) => void;
  /** Someone changed the errand meanwhile: the list is read again. */
  onStale: () => void;
}

/** 收材料, 撤回 and 登记送达 for one errand; each sends the version the agent saw. */
export function ErrandDialogs({ dialog, today, onClose, onDone, onStale }: Props) {
  if (!dialog) return null;
  const { errand, kind, open } = dialog;
  const who = `${errand.residentName}的“${errand.itemName}”`;

  async function run(send: () => Promise<{ errand: ErrandRecord }>): Promise<void> {
    try {
      const answer = await send();
      onDone(answer.errand, kind);
    } catch (error) {
      if (isApiCallError(error) && (error.code === 'STALE' || error.code === 'CONFLICT')) onStale();
      throw error;
    }
  }

  return (
    <>
      <FormDialog<{ collectedMaterials: string[] }>
        open={open && kind === 'collect'}
        title={`收材料：${who}`}
        okText="保存"
        name="errand-collect"
        width={640}
        fields={['collectedMaterials']}
        initialValues={{ collectedMaterials: errand.materials.filter((m) => m.collected).map((m) => m.name) }}
        intro={
          <Typography.Paragraph type="secondary">
            勾选已从委托人处收到的材料。必需材料收齐后，这项代办即可交窗口办理。
          </Typography.Paragraph>
        }
        onSubmit={(values) =>
          run(() =>
            call('errands.collect', {
              errandId: errand.id,
              version: errand.version,
              collectedMaterials: values.collectedMaterials ?? [],
            }),
          )
        }
        onClose={onClose}
      >
        {(server) => (
          <>
            <Form.Item name="collectedMaterials" label="已收材料" {...server.fieldStatus('collectedMaterials')}>
              <MaterialsChecklist id="errand-material" materials={errand.materials} />
            </Form.Item>
            <Form.Item noStyle shouldUpdate>
              {({ getFieldValue }) => {
                const missing = missingRequired(
                  errand.materials,
                  (getFieldValue('collectedMaterials') as string[] | undefined) ?? [],
                );
                return missing.length > 0 ? (
                  <Alert type="warning" showIcon title={`还缺 ${missing.length} 项必需材料：${missing.join('、')}`} />
                ) : (
                  <Alert type="success" showIcon title="必需材料已收齐，保存后可交窗口办理" />
                );
              }}
            </Form.Item>
          </>
        )}
      </FormDialog>
      <FormDialog<{ reason: string }>
        open={open && kind === 'withdraw'}
        title={`撤回代办：${who}`}
        okText="撤回"
        name="errand-withdraw"
        fields={['reason']}
        intro={
          <Typography.Paragraph type="secondary">
            居民不再委托，或事项无法代办时撤回。撤回后这项代办不再交接，记录保留。
          </Typography.Paragraph>
        }
        onSubmit={(values) =>
          run(() => call('errands.withdraw', { errandId: errand.id, version: errand.version, reason: values.reason }))
        }
        onClose={onClose}
      >
        {(server) => (
          <Form.Item
            name="reason"
            label="撤回原因"
            rules={[{ required: true, whitespace: true, message: '请写明撤回原因' }]}
            {...server.fieldStatus('reason')}
          >
            <Input.TextArea rows={3} maxLength={200} showCount autoFocus />
          </Form.Item>
        )}
      </FormDialog>
      <FormDialog<{ signedBy: string; deliveredOn?: Dayjs | null }>
        open={open && kind === 'deliver'}
        title={`登记送达：${who}`}
        okText="登记送达"
        name="errand-deliver"
        fields={['signedBy', 'deliveredOn']}
        initialValues={{ signedBy: errand.residentName, deliveredOn: dayjs(today) }}
        intro={
          <Typography.Paragraph type="secondary">
            办件编号 {errand.case?.caseNumber ?? '—'}
            {errand.case?.acceptedOn ? `，${chineseDate(errand.case.acceptedOn)}受理` : ''}
            。把办理结果交给居民并请其签收后登记。
          </Typography.Paragraph>
        }
        onSubmit={(values) =>
          run(() =>
            call('errands.recordDelivery', {
              errandId: errand.id,
              version: errand.version,
              signedBy: values.signedBy,
              deliveredOn: toDateString(values.deliveredOn),
            }),
          )
        }
        onClose={onClose}
      >
        {(server) => (
          <>
            <Form.Item
              name="signedBy"
              label="签收人"
              extra="默认是委托人本人；家属代收时写代收人姓名"
              rules={[{ required: true, whitespace: true, message: '请写明签收人' }]}
              {...server.fieldStatus('signedBy')}
            >
              <Input maxLength={50} autoFocus />
            </Form.Item>
            <Form.Item
              name="deliveredOn"
              label="送达日期"
              extra="不填即为今天；不能早于窗口办结的日期"
              {...server.fieldStatus('deliveredOn')}
            >
              <DatePicker
                format="YYYY-MM-DD"
                placeholder="如 2026-01-31"
                style={{ width: 200 }}
                disabledDate={(date: Dayjs) => date.isAfter(dayjs(today), 'day')}
              />
            </Form.Item>
          </>
        )}
      </FormDialog>
    </>
  );
}
