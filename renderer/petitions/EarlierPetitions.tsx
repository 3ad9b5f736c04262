import { Alert, Card, Checkbox, Flex, Form, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EarlierPetition } from '../../shared/petitions/api';
import { PETITION_CATEGORY_LABELS } from '../../shared/petitions/petitions';
import { ApiCallError, call, desktopPrinting, errorMessage } from '../api/client';
import { href, paths } from '../common/router';
import type { ServerErrors } from '../common/useServerErrors';
import { chineseDate } from '../common/dates';
import type { PetitionerValues } from './PetitionersEditor';
import { PetitionDeadlineTag, PetitionFlags, PetitionStatusTag } from './petitionTags';

type Lookup = { idNumber: string } | { name: string; phone: string };

/** Who can be looked up: a full ID number, or a name with a phone. */
function lookupsOf(petitioners: (PetitionerValues | undefined)[]): Lookup[] {
  return petitioners.flatMap((p): Lookup[] => {
    const idNumber = (p?.idNumber ?? '').trim().toUpperCase();
    if (idNumber.length === 18) return [{ idNumber }];
    const name = (p?.name ?? '').trim();
    const phone = (p?.phone ?? '').trim();
    return name && phone.length >= 7 ? [{ name, phone }] : [];
  });
}

export interface EarlierState {
  petitions: EarlierPetition[];
  loading: boolean;
  error: ApiCallError | null;
  /** Nobody to look up yet. */
  idle: boolean;
}

/**
 * The earlier petitions of the people on the form, looked up as soon as an ID number is complete
 * or a name comes with a phone (a short pause after typing, so each key does not ask).
 */
export function useEarlierPetitions(petitioners: (PetitionerValues | undefined)[], excludeId?: string): EarlierState {
  const key = JSON.stringify(lookupsOf(petitioners));
  const [state, setState] = useState<EarlierState>({ petitions: [], loading: false, error: null, idle: true });
  const latest = useRef(0);
  useEffect(() => {
    const lookups = JSON.parse(key) as Lookup[];
    const request = ++latest.current;
    if (lookups.length === 0) {
      setState({ petitions: [], loading: false, error: null, idle: true });
      return;
    }
    setState((current) => ({ ...current, loading: true, idle: false }));
    const timer = window.setTimeout(() => {
      call('petitions.findEarlier', { petitioners: lookups, ...(excludeId ? { excludeId } : {}) }).then(
        (answer) => {
          if (request === latest.current)
            setState({ petitions: answer.petitions, loading: false, error: null, idle: false });
        },
        (cause: unknown) => {
          if (request !== latest.current) return;
          const error =
            cause instanceof ApiCallError
              ? cause
              : new ApiCallError('petitions.findEarlier', { code: 'INTERNAL', message: errorMessage(cause) });
          setState({ petitions: [], loading: false, error, idle: false });
        },
      );
    }, 350);
    return () => window.clearTimeout(timer);
  }, [key, excludeId]);
  return state;
}

function matchText(row: EarlierPetition): string {
  return row.matchedBy === 'idNumber' ? `${row.matchedName}（身份证号码相同）` : `${row.matchedName}（姓名和电话相同）`;
}

/** The earlier petitions as a table: number (opens in a new tab where there is one), status, deadline, how it matched. */
export function earlierColumns(): ColumnsType<EarlierPetition> {
  const inNewTab = desktopPrinting() === null;
  return [
    {
      title: '编号',
      key: 'number',
      width: 170,
      render: (_, row) =>
        inNewTab ? (
          <Typography.Link href={href(paths.petition(row.id))} target="_blank">
            {row.number}
          </Typography.Link>
        ) : (
          row.number
        ),
    },
    { title: '收到日期', key: 'receivedOn', width: 130, render: (_, row) => chineseDate(row.receivedOn) },
    { title: '信访人', key: 'match', width: 200, render: (_, row) => matchText(row) },
    {
      title: '事项',
      key: 'matter',
      render: (_, row) => (
        <Flex vertical>
          <span>{row.matterExcerpt}</span>
          <Typography.Text type="secondary">{PETITION_CATEGORY_LABELS[row.category]}</Typography.Text>
        </Flex>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 220,
      render: (_, row) => (
        <Flex gap={4} wrap>
          <PetitionStatusTag status={row.status} />
          <PetitionFlags petition={row} />
          <PetitionDeadlineTag deadline={row.deadline} />
        </Flex>
      ),
    },
  ];
}

interface Props {
  earlier: EarlierState;
  server: ServerErrors;
}

/**
 * 此前信访: what these people brought before and where it stands. The receptionist decides
 * whether the new one is a repeat (重复信访) and, if so, of which earlier petition.
 */
export function EarlierPetitionsPanel({ earlier, server }: Props) {
  const form = Form.useFormInstance();
  const repeat: boolean = Form.useWatch('repeat', form) ?? false;
  // The choice is held here as well as on the form: the radio then shows it at once (a form
  // watch answers a moment later, and a controlled radio would flick back meanwhile).
  const [repeatOfId, setRepeatOfIdState] = useState<string | null>(
    () => (form.getFieldValue('repeatOfId') as string | null | undefined) ?? null,
  );
  const setRepeatOfId = useCallback(
    (id: string | null) => {
      setRepeatOfIdState(id);
      form.setFieldValue('repeatOfId', id);
    },
    [form],
  );
  const columns = useMemo(earlierColumns, []);
  const found = earlier.petitions;

  // A petition no longer found (the ID number was corrected) is not kept as the one repeated.
  useEffect(() => {
    if (repeatOfId && !earlier.loading && !found.some((p) => p.id === repeatOfId)) setRepeatOfId(null);
  }, [earlier.loading, found, repeatOfId, setRepeatOfId]);

  const title = earlier.idle
    ? '此前信访'
    : earlier.loading
      ? '此前信访（正在查找……）'
      : `此前信访（找到 ${found.length} 件）`;

  return (
    <Card size="small" title={title} role="region" aria-label="此前信访">
      {earlier.idle && (
        <Typography.Text type="secondary">
          填写信访人的身份证号码（18位），或姓名和联系电话后，这里列出其此前的信访件。
        </Typography.Text>
      )}
      {earlier.error && (
        <Alert type="error" showIcon title="此前信访件没有查出来" description={earlier.error.message} />
      )}
      {!earlier.idle && !earlier.error && (
        <Table<EarlierPetition>
          rowKey="id"
          size="small"
          pagination={false}
          loading={earlier.loading}
          dataSource={found}
          columns={columns}
          locale={{ emptyText: '没有找到此前的信访件' }}
          rowSelection={
            repeat && found.length > 0
              ? {
                  type: 'radio',
                  selectedRowKeys: repeatOfId ? [repeatOfId] : [],
                  onChange: (keys) => {
                    setRepeatOfId((keys[0] as string | undefined) ?? null);
                    server.clearChanged({ repeatOfId: null, repeat: null });
                  },
                  columnTitle: '重复',
                  columnWidth: 56,
                }
              : undefined
          }
        />
      )}
      <Form.Item name="repeatOfId" hidden noStyle />
      <Form.Item
        name="repeat"
        valuePropName="checked"
        style={{ marginTop: 12, marginBottom: 0 }}
        extra={
          repeat && found.length > 0
            ? repeatOfId
              ? undefined
              : '可在上表中选出所重复的信访件（不选也可以）。'
            : '同一信访人就同一事项再次来信来访的，标为重复信访。'
        }
        {...(server.fieldStatus('repeat').help ? server.fieldStatus('repeat') : server.fieldStatus('repeatOfId'))}
      >
        <Checkbox onChange={(event) => event.target.checked || setRepeatOfId(null)}>标为重复信访</Checkbox>
      </Form.Item>
    </Card>
  );
}
