// A backup in a process of its own, for the test that kills it half-way: it runs a backup and,
// once the database copy is written into the unfinished generation, says so and stops there
// until it is killed (so the kill lands in the middle on any machine, however loaded).
//   node --import tsx test/support/backupChild.ts <dataDir> <backupFolder> <key hex>
import { writeSync } from 'node:fs';
import { runBackup } from '../../electron/backend/backup/backupRun';

const [dataDir, folder, keyHex] = process.argv.slice(2) as [string, string, string];
await runBackup({
  dataDir,
  folder,
  key: Buffer.from(keyHex, 'hex'),
  nodeId: 'child',
  keep: 7,
  now: () => new Date(Date.UTC(2026, 11, 7, 4, 0, 0)),
  onProgress(progress) {
    if (progress.phase === 'database' && progress.done === 1) {
      writeSync(1, 'phase:database-copied\n');
      // Blocks this thread for good: the parent kills the process now.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    }
  },
});
