import { FileTextOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useRef, useState } from 'react';
import { enrollmentFile } from '../../shared/sync/protocol';
import { DEFAULT_SUITE, SUITE_SHORT_LABELS } from '../../shared/sync/suiteIds';
import { minuteTime } from '../common/dates';
import { readJsonFile } from '../common/jsonFiles';

export interface ChosenEnrollmentFile {
  name: string;
  data: unknown;
}

/**
 * The 入网文件 the county handed over (JSON), as a form control: a button that opens the file
 * chooser, the chosen file's name, and what it says (township, hub address, the cipher suite the
 * county chose) so the
 * administrator sees it is the right one before anything is generated. The backend validates it.
 */
export function EnrollmentFilePicker({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: ChosenEnrollmentFile;
  onChange?: (value: ChosenEnrollmentFile | undefined) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [unreadable, setUnreadable] = useState<string | null>(null);
  const parsed = value ? enrollmentFile.safeParse(value.data) : null;

  async function choose(file: File | undefined) {
    if (!file) return;
    const read = await readJsonFile(file);
    if (read.ok) {
      setUnreadable(null);
      onChange?.({ name: file.name, data: read.data });
    } else {
      setUnreadable(read.message);
      onChange?.(undefined);
    }
  }

  return (
    <Flex vertical gap={4} align="start">
      <Flex gap={8} align="center" wrap>
        <Button
          id={id}
          icon={<FileTextOutlined />}
          // Named by what it does and what is chosen (the form label alone would say neither).
          aria-label={value ? `重新选择入网文件（已选择“${value.name}”）` : '选择入网文件'}
          onClick={() => input.current?.click()}
        >
          {value ? '重新选择' : '选择入网文件'}
        </Button>
        {value && <Typography.Text>{value.name}</Typography.Text>}
      </Flex>
      {unreadable && <Typography.Text type="danger">{unreadable}</Typography.Text>}
      {parsed?.success && (
        <Typography.Text type="secondary">
          {parsed.data.village
            ? `村级节点 · ${parsed.data.village.name}（${parsed.data.village.townshipName}） · ${parsed.data.townshipName} · 乡镇地址`
            : `${parsed.data.townshipName} · 平台地址`}{' '}
          {parsed.data.hubUrl} · {SUITE_SHORT_LABELS[parsed.data.suite ?? DEFAULT_SUITE]} · 有效期至{' '}
          {minuteTime(parsed.data.expiresAt)}
        </Typography.Text>
      )}
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        aria-label="入网文件"
        style={{ display: 'none' }}
        onChange={(event) => {
          void choose(event.target.files?.[0]);
          // The same file may be chosen again after a failed attempt.
          event.target.value = '';
        }}
      />
    </Flex>
  );
}
