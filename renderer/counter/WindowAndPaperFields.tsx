import { Flex, Form, Input, Radio } from 'antd';
import { RECEIPT_PAPERS, RECEIPT_PAPER_LABELS, type ReceiptPaper } from '../../shared/counter/casesApi';
import type { ServerErrors } from '../common/useServerErrors';

interface Props {
  /** Prefix of the input's id (`intake` → `intake-window`). */
  idPrefix: string;
  windowName: string;
  onWindowName: (value: string) => void;
  paper: ReceiptPaper;
  onPaper: (value: ReceiptPaper) => void;
  disabled: boolean;
  server: ServerErrors;
}

/** 受理窗口 and 回执纸张, remembered on this computer: every acceptance asks for both. */
export function WindowAndPaperFields({ idPrefix, windowName, onWindowName, paper, onPaper, disabled, server }: Props) {
  return (
    <Flex gap={16} wrap align="flex-start">
      <Form.Item
        label="受理窗口"
        htmlFor={`${idPrefix}-window`}
        extra="本机会记住，下次不必再填"
        style={{ width: 220 }}
        {...server.fieldStatus('window')}
      >
        <Input
          id={`${idPrefix}-window`}
          placeholder="如 3号窗口"
          maxLength={20}
          value={windowName}
          disabled={disabled}
          onChange={(event) => {
            onWindowName(event.target.value);
            server.clearChanged({ window: null });
          }}
        />
      </Form.Item>
      <Form.Item label="回执纸张" extra="本机会记住" {...server.fieldStatus('receiptPaper')}>
        <Radio.Group
          aria-label="回执纸张"
          optionType="button"
          value={paper}
          disabled={disabled}
          onChange={(event) => onPaper(event.target.value as ReceiptPaper)}
          options={RECEIPT_PAPERS.map((p) => ({ value: p, label: RECEIPT_PAPER_LABELS[p] }))}
        />
      </Form.Item>
    </Flex>
  );
}
