import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The county page (hub/ui), served by the hub from dist/hub-ui. Same stack and chunking as the
// township UI (vite.renderer.config.ts), without pdf.js.
export default defineConfig({
  root: fileURLToPath(new URL('../hub/ui', import.meta.url)),
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../dist/hub-ui',
    emptyOutDir: true,
    target: 'chrome109',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Loaded with the overview's first chart (hub/ui/charts), not at start-up.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 4 },
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
});
