import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import type { InputOf } from '../../shared/api/procedures';
import type { ResidentRecord } from '../../shared/residents/api';
import type { Ethnicity } from '../../shared/residents/ethnicities';
import { checkIdNumber, derivesPersonalData, type IdType } from '../../shared/residents/idTypes';

export type Sex = 'male' | 'female';

/** What the form holds; dates as Dayjs for the date picker. */
export interface ResidentFormValues {
  name: string;
  idType: IdType;
  idNumber: string;
  sex?: Sex | null;
  birthDate?: Dayjs | null;
  phone: string;
  ethnicity: Ethnicity;
  villageId?: string;
  groupId?: string | null;
  address: string;
  note: string;
}

export type ResidentInput = InputOf<'residents.register'>;

/** The form fields, in the order they are on the page (for messages with no place). */
export const RESIDENT_FIELDS = [
  'name',
  'idType',
  'idNumber',
  'sex',
  'birthDate',
  'ethnicity',
  'phone',
  'villageId',
  'groupId',
  'address',
  'note',
] as const;

export function emptyResidentValues(draft: Partial<ResidentFormValues> = {}): ResidentFormValues {
  return {
    name: '',
    idType: 'residentId',
    idNumber: '',
    sex: null,
    birthDate: null,
    phone: '',
    ethnicity: '汉族',
    villageId: undefined,
    groupId: null,
    address: '',
    note: '',
    ...draft,
  };
}

export function recordToValues(record: ResidentRecord): ResidentFormValues {
  return {
    name: record.name,
    idType: record.idType,
    idNumber: record.idNumber,
    sex: record.sex,
    birthDate: record.birthDate ? dayjs(record.birthDate) : null,
    phone: record.phone,
    ethnicity: record.ethnicity as Ethnicity,
    villageId: record.villageId,
    groupId: record.groupId,
    address: record.address,
    note: record.note,
  };
}

/**
 * For resident IDs and permits, sex and birth date are taken from the number (the backend
 * reads them off it too); for other documents they are what the clerk entered.
 */
export function valuesToInput(values: ResidentFormValues, today: string): ResidentInput {
  const derived = derivesPersonalData(values.idType);
  const check = checkIdNumber(values.idType, values.idNumber ?? '', today);
  return {
    name: values.name ?? '',
    idType: values.idType,
    idNumber: check.ok ? check.normalized : (values.idNumber ?? '').trim(),
    sex: derived ? (check.ok ? (check.sex ?? null) : null) : (values.sex ?? null),
    birthDate: derived
      ? check.ok
        ? (check.birthDate ?? null)
        : null
      : values.birthDate
        ? values.birthDate.format('YYYY-MM-DD')
        : null,
    phone: (values.phone ?? '').trim(),
    ethnicity: values.ethnicity,
    villageId: values.villageId ?? '',
    groupId: values.groupId ?? null,
    address: values.address ?? '',
    note: values.note ?? '',
  };
}
