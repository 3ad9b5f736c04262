// A file the user chose, on its way: uploaded first (with its progress on the hall host; the
// desktop hands it over at once, so a spinner there), then saved by the feature's procedure. A
// failure keeps the chosen file and says why beside it, with 重试 — choosing the file again is
// never needed, and nothing typed beside it is lost.
import { LoadingOutlined, PaperClipOutlined } from '@ant-design/icons';
import { Button, Flex, Progress, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { UploadReceipt } from '../../shared/api/uploads';
import { errorMessage, isApiCallError, UPLOAD_NAME, uploadFile } from '../api/client';

export type FilePhase = 'idle' | 'uploading' | 'saving';

export interface FileSend {
  /** The chosen file, kept until it is saved or the user drops it. */
  picked: File | null;
  phase: FilePhase;
  /** 0–1 while the hall host reports the upload's progress; null otherwise. */
  progress: number | null;
  /** Why the file was not saved (beside the file), null when nothing failed. */
  error: string | null;
  /** The refusal of another field of the save (e.g. `caption`), by field. */
  fieldErrors: Record<string, string>;
  /** Whether sending the same file again may succeed (not for a file refused by its type or size). */
  retryable: boolean;
  busy: boolean;
  send(file: File): Promise<void>;
  retry(): Promise<void>;
  /** Refuses a chosen file before sending it (its type, its size), keeping it shown with the reason. */
  refuse(file: File, message: string): void;
  discard(): void;
}

/** The fields of a save that speak of the file itself; their messages go beside the file. */
const FILE_FIELDS = new Set(['uploadId', 'mimeType', 'fileName']);

/**
 * Uploads a chosen file and then saves it with `save` (which gets the upload's receipt); `onSaved`
 * runs after a save that succeeded. Each attempt uploads again: an upload is used up by the save
 * that takes it, whatever that save answers.
 */
export function useFileSend<T>(
  save: (file: File, receipt: UploadReceipt) => Promise<T>,
  onSaved: (result: T, file: File) => void,
): FileSend {
  const [picked, setPicked] = useState<File | null>(null);
  const [phase, setPhase] = useState<FilePhase>('idle');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [retryable, setRetryable] = useState(true);
  const running = useRef(false);

  async function send(file: File): Promise<void> {
    if (running.current) return;
    running.current = true;
    setPicked(file);
    setError(null);
    setFieldErrors({});
    setRetryable(true);
    setPhase('uploading');
    setProgress(null);
    try {
      let receipt: UploadReceipt;
      try {
        receipt = await uploadFile(file, (fraction) => setProgress(fraction));
      } catch (failure) {
        setError(`文件没有上传：${errorMessage(failure)}`);
        return;
      }
      setPhase('saving');
      setProgress(null);
      let result: T;
      try {
        result = await save(file, receipt);
      } catch (failure) {
        const byField = isApiCallError(failure) && failure.procedure !== UPLOAD_NAME ? failure.fieldErrors : {};
        const aboutFile = Object.entries(byField).find(([field]) => FILE_FIELDS.has(field))?.[1];
        const others = Object.fromEntries(Object.entries(byField).filter(([field]) => !FILE_FIELDS.has(field)));
        setFieldErrors(others);
        setError(aboutFile ?? (Object.keys(others).length > 0 ? null : errorMessage(failure)));
        return;
      }
      setPicked(null);
      onSaved(result, file);
    } finally {
      running.current = false;
      setPhase('idle');
      setProgress(null);
    }
  }

  return {
    picked,
    phase,
    progress,
    error,
    fieldErrors,
    retryable,
    busy: phase !== 'idle',
    send,
    retry: () => (picked ? send(picked) : Promise.resolve()),
    refuse(file, message) {
      setPicked(file);
      setFieldErrors({});
      setError(message);
      setRetryable(false);
    },
    discard() {
      setPicked(null);
      setError(null);
      setFieldErrors({});
    },
  };
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The chosen file, its progress while it goes, and why it failed beside it, with 重试 and 不要了. */
export function PickedFileLine({ send, label }: { send: FileSend; label: string }) {
  const file = send.picked;
  if (!file) return null;
  return (
    <Flex gap={8} wrap align="center" aria-label={label}>
      <PaperClipOutlined />
      <Typography.Text>
        {file.name}（{sizeText(file.size)}）
      </Typography.Text>
      {send.phase === 'uploading' &&
        (send.progress === null ? (
          <Typography.Text type="secondary">
            <LoadingOutlined /> 正在上传…
          </Typography.Text>
        ) : (
          <Progress
            aria-label="上传进度"
            percent={Math.floor(send.progress * 100)}
            size="small"
            style={{ width: 200, margin: 0 }}
          />
        ))}
      {send.phase === 'saving' && (
        <Typography.Text type="secondary">
          <LoadingOutlined /> 正在保存…
        </Typography.Text>
      )}
      {send.error && (
        <Typography.Text type="danger" role="alert" data-field-error>
          {send.error}
        </Typography.Text>
      )}
      {!send.busy && (send.error || Object.keys(send.fieldErrors).length > 0) && (
        <>
          {send.retryable && (
            <Button size="small" onClick={() => void send.retry()}>
              重试
            </Button>
          )}
          <Button size="small" type="link" onClick={send.discard}>
            不要了
          </Button>
        </>
      )}
    </Flex>
  );
}
