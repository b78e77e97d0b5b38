import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // The shared domain package (zod, the pinyin dictionary) and ECharts load with the pages that use them,
        // not with the login page and the shell.
        codeSplitting: {
          groups: [
            { name: 'domain', test: /[\\/](domain[\\/]src|node_modules[\\/](pinyin-pro|zod))[\\/]/ },
            { name: 'echarts', test: /[\\/]node_modules[\\/](echarts|zrender)[\\/]/ },
          ],
        },
      },
    },
  },
});
