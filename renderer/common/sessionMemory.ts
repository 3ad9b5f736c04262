/**
 * Small things worth keeping while a clerk moves between pages (the last search), held in
 * memory only and forgotten at sign-out, so nothing personal outlives the session.
 */
const memory = new Map<string, unknown>();

export function remember<T>(key: string, value: T): void {
  memory.set(key, value);
}

export function recall<T>(key: string): T | undefined {
  return memory.get(key) as T | undefined;
}

export function forget(key: string): void {
  memory.delete(key);
}

export function forgetEverything(): void {
  memory.clear();
}
