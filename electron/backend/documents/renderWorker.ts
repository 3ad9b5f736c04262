// A render worker (renderPool.ts): opens the fonts once, registers every paper (papers.ts), then
// turns jobs — a paper's name, its record as JSON, the facts the main thread fixed (issue time,
// verification code, the signed link) — into PDF bytes, one job at a time. It touches no
// database and no file but the fonts: what it is given is all it draws from.
//
// Bundled on its own by build/build.mjs next to each host's bundle (dist/hall/renderWorker.cjs,
// dist/electron/renderWorker.cjs); under tsx (tests, the bench) the pool starts this very file.
import { parentPort, workerData } from 'node:worker_threads';
import './papers';
import { loadFonts } from './fonts';
import { documentTypes } from './registry';
import { renderDocument } from './render';
import { serializeError, type RenderJobMessage, type RenderWorkerData, type WorkerMessage } from './renderProtocol';

const port = parentPort;
if (!port) throw new Error('renderWorker.ts 只能作为文书线程运行');
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

// A font that cannot be found throws at once: as a rejection, so that the pool hears why.
const fonts = Promise.resolve().then(() => loadFonts((workerData as RenderWorkerData).fonts));
fonts.then(
  () => post({ kind: 'ready', types: [...documentTypes.keys()].sort() }),
  (error: unknown) => post({ kind: 'failed', error: serializeError(error) }),
);

port.on('message', (job: RenderJobMessage) => {
  void render(job);
});

async function render(job: RenderJobMessage): Promise<void> {
  const definition = documentTypes.get(job.type);
  if (!definition) {
    post({ kind: 'unknownType', id: job.id });
    return;
  }
  try {
    const rendered = await renderDocument(definition, JSON.parse(job.recordJson) as unknown, {
      ...job.options,
      fonts: await fonts,
    });
    const pdf = ownBuffer(rendered.pdf);
    post(
      { kind: 'done', id: job.id, pdf, pageCount: rendered.pageCount, width: rendered.width, height: rendered.height },
      [pdf],
    );
  } catch (error) {
    post({ kind: 'error', id: job.id, error: serializeError(error) });
  }
}

/** The bytes in an ArrayBuffer of their own, so that handing it over moves nothing else. */
function ownBuffer(bytes: Buffer): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) {
    return bytes.buffer;
  }
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}
