import { Alert, Flex, Typography } from 'antd';
import type { IssuedDocument } from '../../shared/documents/api';
import { href, paths } from './router';
import { PrintDocumentButton } from './PrintDocumentButton';

interface Props {
  /** 受理, 已登记纠纷 …: what was done. */
  title: string;
  document: IssuedDocument | null;
  onPrinted?: () => void;
  onClose: () => void;
}

/** A step went through: the paper it issued, to print now (打印…) or look at (查看). */
export function IssuedDocumentAlert({ title, document, onPrinted, onClose }: Props) {
  return (
    <Alert
      type="success"
      showIcon
      title={document ? `${title}：已出具《${document.title}》` : title}
      action={
        document && (
          <Flex gap={8} align="center">
            <PrintDocumentButton
              type="primary"
              documentId={document.id}
              label={`打印${document.title}`}
              onPrinted={onPrinted}
            />
            <Typography.Link href={href(paths.document(document.id))}>查看</Typography.Link>
          </Flex>
        )
      }
      closable={{ onClose }}
    />
  );
}
