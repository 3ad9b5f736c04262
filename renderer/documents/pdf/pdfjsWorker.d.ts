// Vite's `?url` imports give the address of the emitted file. Declared here for this one file
// only: the renderer's tsconfig loads no Vite client types.
declare module 'pdfjs-dist/legacy/build/pdf.worker.min.mjs?url' {
  const url: string;
  export default url;
}
