export {
  chineseDate,
  documentNumber,
  fields,
  fingerprintBox,
  heading,
  issuingUnit,
  paragraph,
  qrCode,
  rule,
  sealArea,
  signatureRow,
  table,
  title,
  verificationLine,
  type Field,
  type TableColumn,
} from './blocks';
export { Layout, SIZE, type FlowOptions, type IssueInfo, type PdfDocument, type Segment } from './layout';
