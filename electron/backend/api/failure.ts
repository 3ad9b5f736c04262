import type { ApiError, ApiErrorCode } from '../../../shared/api/errors';

/** Thrown by handlers to answer with a typed error; anything else thrown becomes INTERNAL. */
export class ApiFailure extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

export function fail(
  code: ApiErrorCode,
  message: string,
  extra: { fieldErrors?: Record<string, string>; details?: Record<string, unknown> } = {},
): never {
  throw new ApiFailure({ code, message, ...extra });
}

/** A validation failure on one or more fields, with a summary naming the first. */
export function failFields(fieldErrors: Record<string, string>): never {
  const messages = Object.values(fieldErrors);
  const message = messages.length === 1 ? messages[0]! : `有 ${messages.length} 处填写有误：${messages[0]}；……`;
  fail('VALIDATION', message, { fieldErrors });
}
