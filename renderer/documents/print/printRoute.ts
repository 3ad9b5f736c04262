import { PRINT_ROUTE, printRequest } from '../../../shared/documents/printing';

/** `#/print` or `#/print?…`, and not some longer route that happens to start the same. */
export function isPrintRoute(hash: string): boolean {
  return hash === PRINT_ROUTE || hash.startsWith(`${PRINT_ROUTE}?`);
}

/**
 * The `file` of `#/print?file=…` if it is one of the host's own `/files/<ticket>/<name>` paths,
 * else null. The print window prints whatever this page shows without a login, so it must
 * not be pointed at another site or at the API.
 */
export function printFileFromHash(hash: string): string | null {
  if (!isPrintRoute(hash)) return null;
  const file = new URLSearchParams(hash.slice(PRINT_ROUTE.length + 1)).get('file');
  if (file === null || !printRequest.shape.fileUrl.safeParse(file).success) return null;
  // The pattern allows `..` or `%2e%2e` as a name; make sure it still resolves inside /files/.
  if (!new URL(file, 'http://host.invalid').pathname.startsWith('/files/')) return null;
  return file;
}
