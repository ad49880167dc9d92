// Vite build for the Pilar web app. `npm run build` writes dist/, which `pilar serve` serves
// (hashed files under dist/assets/ get immutable caching there; everything else no-cache).
//
// The server's CSP forbids inline scripts and styles, so nothing here may inline them: no
// module-preload polyfill (Vite would bundle it, but we target browsers that need none) and
// no CSS-in-JS. JSX goes through esbuild with Preact's automatic runtime (no Babel preset).
import { defineConfig } from 'vite';
import { serviceWorker } from './tools/vite-plugin-sw.mjs';

// `npm run dev` talks to a running `pilar serve` (default address) for /api.
const backend = process.env.PILAR_URL || 'http://127.0.0.1:8080';

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    target: 'es2020',
    outDir: 'dist',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    // Icons and images stay files (CSP allows data: images, but files cache better).
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: false,
  },
  plugins: [serviceWorker({ source: 'src/sw/sw.ts', publicDir: 'public' })],
  server: {
    proxy: { '/api': backend, '/healthz': backend },
  },
});
