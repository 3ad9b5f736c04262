// WOFF2 → TrueType. pdfkit cannot embed a WOFF2 font as it is: fontkit reads WOFF2 glyphs for
// layout, but its subsetter copies `glyf` bytes straight from the table, and a WOFF2 `glyf` is
// stored transformed, so the embedded outlines would be garbage. The parts are therefore turned
// back into plain TrueType with wawoff2 (Google's reference woff2 decoder compiled to
// WebAssembly, the wasm inlined in the JS) before they reach pdfkit.
//
// wawoff2 is loaded with `createRequire` at run time rather than imported: its Emscripten
// loader reads `__dirname`, which does not exist in the hall host's ESM bundle, so it must not
// be bundled; loaded like this, esbuild leaves it to node_modules.
import { createRequire } from 'node:module';
import path from 'node:path';

interface Wawoff2 {
  decompress(woff2: Uint8Array): Promise<Uint8Array>;
}

const decoders = new Map<string, Wawoff2>();

/**
 * Decodes run one at a time: the decoder's WebAssembly memory is shared, and two decodes in
 * flight at once corrupted each other's output ("Unknown font format" from pdfkit).
 */
let queue: Promise<unknown> = Promise.resolve();

/** Decodes a WOFF2 file's bytes into TrueType bytes; `resolveFrom` is where node_modules is found. */
export async function woff2ToTtf(woff2: Uint8Array, resolveFrom: string): Promise<Buffer> {
  let decoder = decoders.get(resolveFrom);
  if (!decoder) {
    const requireHere = createRequire(path.join(resolveFrom, 'noop.js'));
    decoder = requireHere('wawoff2') as Wawoff2;
    decoders.set(resolveFrom, decoder);
  }
  const chosen = decoder;
  const decoded = queue.then(async () => Buffer.from(await chosen.decompress(woff2)));
  queue = decoded.catch(() => {});
  return decoded;
}
