import type { ApiCallError } from '../api/client';
import { href, paths } from '../common/router';

/** The way out of a save refused as a duplicate: open the resident already registered. */
export function DuplicateResidentLink({ error }: { error: ApiCallError | null }) {
  if (error?.code !== 'DUPLICATE') return null;
  const existing = error.details.existingResidentId;
  return typeof existing === 'string' ? <a href={href(paths.resident(existing))}>打开已登记的居民</a> : null;
}
