// A township program in a process of its own, for the test that kills it in the middle of a
// sync: opens the backend on the data folder given, unlocks the keys and syncs until done.
//   node --import tsx test/support/syncChild.ts <dataDir> <passphrase>
import { openBackend } from '../../electron/backend/backend';

async function main(dataDir: string, passphrase: string): Promise<void> {
  const backend = await openBackend({
    dataDir,
    logError: () => {},
    sync: { passphrase, batchMaxEntries: 100, retry: { sleep: async () => {}, maxAttempts: 50 } },
  });
  for (let run = 1; ; run++) {
    const result = await backend.sync.runOnce();
    if (result.ok) break;
    if (run >= 10) throw new Error(result.message);
  }
  await backend.close();
  process.stdout.write('done\n');
}

const [dataDir, passphrase] = process.argv.slice(2);
main(dataDir!, passphrase!).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
