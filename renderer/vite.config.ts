// This file is type-checked with the renderer (tsconfig.renderer.json includes the whole
// folder), so it imports no types from 'vite' or its plugins: those reference Node's global
// types, which would then be visible to every renderer module and hide a stray `process` or
// `Buffer`. Vite bundles this file and keeps `import.meta.url` pointing at it.
const rootDir = fileUrlToPath(new URL('.', import.meta.url));

function fileUrlToPath(url: URL): string {
  const decoded = decodeURIComponent(url.pathname);
  // file:///C:/work/ → C:/work/ on Windows, where the packaged builds are made.
  return /^\/[A-Za-z]:\//.test(decoded) ? decoded.slice(1) : decoded;
}

export default async function config() {
  const reactPlugin: string = '@vitejs/plugin-react';
  const { default: react } = (await import(/* @vite-ignore */ reactPlugin)) as { default: () => unknown };
  return {
    root: rootDir,
    // Relative asset paths: the same files are loaded from disk by the desktop window and
    // over HTTP by the hall host.
    base: './',
    plugins: [react()],
    build: {
      outDir: '../dist/renderer',
      emptyOutDir: true,
      target: 'chrome109',
      // antd alone is larger than Vite's default warning size; it is split into its own chunk.
      chunkSizeWarningLimit: 1500,
      rolldownOptions: {
        output: {
          codeSplitting: {
            groups: [
              { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
              {
                name: 'antd',
                test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion|dayjs)[\\/]/,
                priority: 2,
              },
              { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
            ],
          },
        },
      },
    },
  };
}
