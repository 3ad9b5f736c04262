// One person on a form that lists several (a dispute's parties, a petition's petitioners): the
// card with 从居民库选择 and 删除, the 取自居民库 tag, and the resident ID number field that
// checks the number when the field is left.
import { DeleteOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, Tag } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { checkIdNumber } from '../../shared/residents/idTypes';
import type { FieldStatus } from './useServerErrors';

interface CardProps {
  /** The list on the form (`parties`, `petitioners`) and the person's place in it. */
  listName: string;
  index: number;
  /** 当事人1（甲方）, 信访人2 … */
  title: string;
  /** The group's accessible name: 当事人1, 信访人2. */
  groupLabel: string;
  /** Tags after the title (代表). */
  tags?: ReactNode;
  /** The person's link to the registry as the form holds it. */
  person: { residentId?: string | null; residentName?: string } | undefined;
  /** A person (not an organisation) can be taken from the registry. */
  canPick?: boolean;
  canRemove: boolean;
  disabled?: boolean;
  /** 读卡 for this person (common/devices/ReadIdCardButton), beside 从居民库选择. */
  readCard?: ReactNode;
  onPick: () => void;
  onRemove: () => void;
  children: ReactNode;
}

/** The card of one person; closing the 取自居民库 tag keeps what was filled in but drops the link. */
export function PersonCard(props: CardProps) {
  const { listName, index, title, groupLabel, tags, person, canPick = true, canRemove, disabled } = props;
  const form = Form.useFormInstance();
  const unlink = () => {
    form.setFieldValue([listName, index, 'residentId'], null);
    form.setFieldValue([listName, index, 'residentName'], undefined);
  };
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center" wrap>
          <span>{title}</span>
          {tags}
          {person?.residentId && (
            <Tag color="blue" closable={!disabled} onClose={unlink}>
              取自居民库{person.residentName ? `：${person.residentName}` : ''}
            </Tag>
          )}
        </Flex>
      }
      role="group"
      aria-label={groupLabel}
      // Whom the 读卡 hot key fills: the card holding the focus.
      data-person-list={listName}
      data-person-index={index}
      extra={
        <Flex gap={8}>
          {canPick && props.readCard}
          {canPick && (
            <Button size="small" icon={<UserAddOutlined />} disabled={disabled} onClick={props.onPick}>
              从居民库选择
            </Button>
          )}
          {canRemove && (
            <Button size="small" danger icon={<DeleteOutlined />} disabled={disabled} onClick={props.onRemove}>
              删除
            </Button>
          )}
        </Flex>
      }
    >
      <Form.Item name={[index, 'residentId']} hidden noStyle />
      <Form.Item name={[index, 'residentName']} hidden noStyle />
      {props.children}
    </Card>
  );
}

interface IdNumberProps {
  /** The list on the form and the person's place in it. */
  listName: string;
  index: number;
  id: string;
  today: string;
  extra?: ReactNode;
  status: FieldStatus;
  disabled?: boolean;
  /** Whether the person's `birthDate` (a Dayjs) is filled from the number too. */
  fillBirthDate?: boolean;
}

/**
 * 身份证号码: optional, checked (GB 11643) when the field is left; a valid number is written
 * in its normal form and gives the sex (and the birth date) where those are still empty.
 */
export function ResidentIdNumberField(props: IdNumberProps) {
  const { listName, index, id, today, extra, status, disabled, fillBirthDate = false } = props;
  const form = Form.useFormInstance();

  function fillFrom(idNumber: string) {
    const check = checkIdNumber('residentId', idNumber, today);
    if (!check.ok) return;
    const path = [listName, index];
    const current = form.getFieldValue(path) as Record<string, unknown>;
    form.setFieldValue(path, {
      ...current,
      idNumber: check.normalized,
      sex: current.sex ?? check.sex ?? null,
      ...(fillBirthDate ? { birthDate: current.birthDate ?? (check.birthDate ? dayjs(check.birthDate) : null) } : {}),
    });
  }

  return (
    <Form.Item
      name={[index, 'idNumber']}
      label="身份证号码"
      htmlFor={id}
      validateTrigger="onBlur"
      extra={extra}
      rules={[
        {
          validator: (_, value: string | undefined) => {
            if (!value?.trim()) return Promise.resolve();
            const check = checkIdNumber('residentId', value, today);
            return check.ok ? Promise.resolve() : Promise.reject(new Error(check.message));
          },
        },
      ]}
      {...status}
    >
      <Input
        id={id}
        maxLength={18}
        disabled={disabled}
        autoComplete="off"
        style={{ fontFamily: 'Consolas, "Courier New", monospace' }}
        onBlur={(event) => fillFrom(event.target.value)}
      />
    </Form.Item>
  );
}
