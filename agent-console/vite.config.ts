import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const sharedSource = fileURLToPath(new URL('../shared/src', import.meta.url));
// The API server; override with HOTLINE_API_URL when it runs elsewhere.
const apiTarget = process.env.HOTLINE_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [vue()],
  resolve: {
    // The console compiles shared code from source, so it never depends on shared's build output.
    alias: [{ find: /^@hotline\/shared\/(.*)$/, replacement: `${sharedSource}/$1` }],
  },
  define: {
    // vue-i18n feature flags: composition API only, no devtools in production.
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: true },
      '/socket.io': { target: apiTarget, changeOrigin: true, ws: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Element Plus is registered whole (every view uses it) and is ~1 MB minified with its dependencies; it gets its own
    // long-cached chunk, and the warning limit is set just above it.
    chunkSizeWarningLimit: 1100,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'element-plus', test: /node_modules[\\/](element-plus|@element-plus)[\\/]/, priority: 20 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
});
