import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      // better-sqlite3 and the other dependencies stay in node_modules: native addons cannot be bundled.
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          // The reference server, built beside the app so that `npm start` can run it with
          // Electron's own Node (ELECTRON_RUN_AS_NODE) and the same better-sqlite3 binary.
          server: resolve(__dirname, 'src/server/cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload may require only 'electron', so everything else is bundled into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        external: ['electron'],
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    // Relative asset URLs, so the same build loads from the app:// protocol and from the
    // e2e tests' HTTP server.
    base: './',
    plugins: [react()],
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html') },
      },
    },
  },
});
