import { Alert, Form, Typography } from 'antd';
import { FormDialog } from '../../../common/FormDialog';
import { MaterialsChecklist, missingRequired } from '../../MaterialsChecklist';
import { errandLabel, type ErrandStepProps } from './errandStep';

export function CollectDialog({ errand, send, onClose }: ErrandStepProps<'collect'>) {
  return (
    <FormDialog<{ collectedMaterials: string[] }>
      open
      title={`收材料：${errandLabel(errand)}`}
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
      onSubmit={(values) => send({ collectedMaterials: values.collectedMaterials ?? [] })}
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
  );
}
