// 读卡 on a form that takes a person, and what a read leaves beside the form: the failure's one
// sentence, or 已从身份证读入 with what the card says that the form has no field for.
import { IdcardOutlined } from '@ant-design/icons';
import { Alert, Flex, Typography, type ButtonProps } from 'antd';
import { ReasonedButton } from '../ReasonedButton';
import { READ_ID_CARD_SHORTCUT, type IdCardReaderState, type IdCardReadSuccess } from './useIdCardReader';
import { cardValidity, isCardExpired } from './idCardFields';

interface ButtonOwnProps<T> {
  reader: IdCardReaderState<T>;
  /** Whom this button reads for (the one person of a form: `null` will do). */
  target: T;
  size?: ButtonProps['size'];
  /** Disabled for a reason of the form's own (saving). */
  disabled?: boolean;
}

export function ReadIdCardButton<T>({ reader, target, size, disabled }: ButtonOwnProps<T>) {
  const readingHere = reader.reading !== null && Object.is(reader.reading.target, target);
  const shortcut = reader.hotkey ? `（${READ_ID_CARD_SHORTCUT}）` : '';
  return (
    <ReasonedButton
      size={size}
      icon={<IdcardOutlined />}
      disabledBecause={reader.unusableBecause}
      disabled={disabled || (reader.reading !== null && !readingHere)}
      loading={readingHere}
      title={reader.unusableBecause ? undefined : `读取放在读卡器上的身份证${shortcut}`}
      onClick={() => reader.read(target)}
    >
      {readingHere ? '正在读卡' : `读卡${shortcut}`}
    </ReasonedButton>
  );
}

interface StatusProps<T> {
  reader: IdCardReaderState<T>;
  target: T;
  today: string;
  /** What the read filled, for 已从身份证读入：… */
  filled: string;
  /** Said after the card's facts: the form keeps no validity (居民档案不保存有效期). */
  note?: string;
  /** The read that filled the form, when it came from elsewhere (a card read at the counter). */
  read?: IdCardReadSuccess | null;
}

/** The failure of the last read for `target`, or what its success filled and what else the card says. */
export function IdCardReadStatus<T>({ reader, target, today, filled, note, read }: StatusProps<T>) {
  if (reader.failure && Object.is(reader.failure.target, target)) {
    return (
      <Alert
        type="warning"
        showIcon
        role="alert"
        closable={{ onClose: reader.dismissFailure }}
        title={reader.failure.message}
        data-testid="id-card-failure"
      />
    );
  }
  const last = read ?? (reader.lastRead && Object.is(reader.lastRead.target, target) ? reader.lastRead.read : null);
  if (!last) return null;
  return <IdCardReadNote read={last} today={today} filled={filled} note={note} />;
}

function IdCardReadNote({
  read,
  today,
  filled,
  note,
}: {
  read: IdCardReadSuccess;
  today: string;
  filled: string;
  note?: string;
}) {
  const expired = isCardExpired(read.card, today);
  return (
    <Flex vertical gap={8}>
      <Alert
        type="success"
        showIcon
        data-testid="id-card-read"
        title={`已从身份证读入：${filled}`}
        description={
          <Typography.Text type="secondary">
            签发机关 {read.card.issuingAuthority || '—'}；有效期限 {cardValidity(read.card)}
            {read.photo.kind === 'skipped' ? `；照片：${read.photo.note}` : ''}
            {note ? `。${note}` : ''}
          </Typography.Text>
        }
      />
      {expired && (
        <Alert type="warning" showIcon title={`这张身份证已过有效期（${read.card.validTo}），请提醒群众及时换领`} />
      )}
      {read.idNumberProblem && <Alert type="error" showIcon title={read.idNumberProblem} />}
    </Flex>
  );
}
