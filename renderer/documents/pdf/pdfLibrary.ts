// pdf.js, ready to use. Only ever imported with import() (see loadPdf.ts), so that neither the
// library nor its worker's address is part of the start-up bundle.
//
// The legacy build, not `pdfjs-dist/build`: the modern one calls Map#getOrInsertComputed,
// Math.sumPrecise, Promise.try … without polyfills, which the hall's older browsers (the UI
// targets Chrome 109) do not have. The legacy build brings core-js polyfills for them.
import { GlobalWorkerOptions } from 'pdfjs-dist/legacy/build/pdf.mjs';
import workerUrl from 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url';

// The worker is an emitted asset next to the bundle, so it resolves under app:// and over HTTP
// alike (relative base) and is 'self' for the Content-Security-Policy.
GlobalWorkerOptions.workerSrc = workerUrl;

export { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
