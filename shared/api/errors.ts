/** Every failure crossing the API has this shape, whatever the transport. */
export const API_ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'DUPLICATE',
  'STALE',
  'CONFLICT',
  'ACCOUNT_LOCKED',
  'SCREEN_LOCKED',
  'UNKNOWN_PROCEDURE',
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'UNAVAILABLE',
  'INTERNAL',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface ApiError {
  code: ApiErrorCode;
  /** One sentence in Simplified Chinese, fit to show a clerk. */
  message: string;
  /** Field path (dot-joined, e.g. `resident.idNumber`) → Chinese message naming the field. */
  fieldErrors?: Record<string, string>;
  /** Machine-readable extras, e.g. `{ existingResidentId }` for a duplicate. */
  details?: Record<string, unknown>;
}

/** HTTP status for each code; the IPC transport carries the same `ApiError` without a status. */
export const HTTP_STATUS: Record<ApiErrorCode, number> = {
  VALIDATION: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  UNKNOWN_PROCEDURE: 404,
  DUPLICATE: 409,
  STALE: 409,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  ACCOUNT_LOCKED: 423,
  SCREEN_LOCKED: 423,
  INTERNAL: 500,
  /** For a moment the host cannot answer (it is changing over to a restored data folder): ask again. */
  UNAVAILABLE: 503,
};

export type ApiResult<T> = { ok: true; result: T } | { ok: false; error: ApiError };

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.code === 'string' &&
    (API_ERROR_CODES as readonly string[]).includes(v.code) &&
    typeof v.message === 'string'
  );
}
