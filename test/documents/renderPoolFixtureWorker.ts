// A render worker for the failure tests of the pool (renderPool.test.ts, renderPoolHall.test.ts):
// RENDER_FIXTURE, read when the worker starts, makes it crash on its first job (`crash`), stop
// (`exit`), never answer (`hang`), or be the real worker (unset).
import { parentPort } from 'node:worker_threads';

const mode = process.env.RENDER_FIXTURE ?? 'real';
if (mode === 'real') {
  await import('../../electron/backend/documents/renderWorker');
} else {
  // It knows the papers the real worker knows, so that the pool hands it their jobs.
  await import('../../electron/backend/documents/papers');
  const { documentTypes } = await import('../../electron/backend/documents/registry');
  parentPort!.postMessage({ kind: 'ready', types: [...documentTypes.keys()] });
  parentPort!.on('message', () => {
    if (mode === 'crash') throw new Error('测试：文书线程崩溃');
    if (mode === 'exit') process.exit(3);
    // `hang`: busy for ever, as a paper stuck in a loop would be.
    for (;;);
  });
}
