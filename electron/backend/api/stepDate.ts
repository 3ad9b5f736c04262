import { failFields } from './failure';

/**
 * The date of a step on a record (a dispute, a petition): today when not given; never in the
 * future and never before the record's previous step. Refusals name `field`.
 */
export function stepDate(
  field: string,
  label: string,
  given: string | undefined | null,
  previousStepOn: string,
  today: string,
): string {
  const date = given ?? today;
  if (date > today) failFields({ [field]: `${label}：不能晚于今天（${today}）` });
  if (date < previousStepOn) failFields({ [field]: `${label}：不能早于上一环节的日期（${previousStepOn}）` });
  return date;
}
