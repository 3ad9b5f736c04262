// A process's memory as Linux reports it, for the tests that hold the hall host to a memory bound.
import { readFile } from 'node:fs/promises';

/** Resident and peak resident memory of `pid` (kB figures of /proc/<pid>/status), in bytes. */
export async function memoryOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kB = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)![1]) * 1024;
  return { rss: kB('VmRSS'), peak: kB('VmHWM') };
}
