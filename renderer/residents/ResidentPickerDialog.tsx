// Taking a person from the resident registry into a form (a dispute's party, a petitioner): the
// picker in a dialog, then the full record read (and audited) once a resident is chosen.
import { App, Form, Modal } from 'antd';
import type { ResidentRecord, ResidentSummary } from '../../shared/residents/api';
import { call, errorMessage } from '../api/client';
import { ResidentPicker } from './ResidentPicker';

interface Props {
  open: boolean;
  /** 从居民库选择当事人 … */
  title: string;
  /** The search box's id (for its label). */
  id: string;
  /** The chosen resident's full record; the dialog is closed by then. */
  onPicked: (record: ResidentRecord) => void;
  onClose: () => void;
}

export function ResidentPickerDialog({ open, title, id, onPicked, onClose }: Props) {
  const { message } = App.useApp();

  async function pick(resident: ResidentSummary) {
    onClose();
    try {
      onPicked(await call('residents.get', { id: resident.id }));
    } catch (error) {
      void message.error(`没有取到居民信息：${errorMessage(error)}`);
    }
  }

  return (
    <Modal open={open} title={title} footer={null} width={900} destroyOnHidden onCancel={onClose}>
      {open && (
        <Form.Item label="查找居民" htmlFor={id} layout="vertical">
          <ResidentPicker id={id} value={null} onChange={(resident) => resident && void pick(resident)} />
        </Form.Item>
      )}
    </Modal>
  );
}

/** The resident's address as a paper prints it: the village first unless the address has it. */
export function residentAddress(record: Pick<ResidentRecord, 'villageName' | 'groupName' | 'address'>): string {
  if (record.address.includes(record.villageName)) return record.address;
  return `${record.villageName}${record.groupName ?? ''}${record.address}`;
}
