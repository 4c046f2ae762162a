import { defineConfig } from 'vite';

/**
 * The web app, built from apps/web into dist/web, which the API serves at /. Vite transforms
 * TSX itself (oxc) with React's automatic JSX runtime: no plugin. `npm run build:web` runs
 * `vite build apps/web`, so paths here are relative to apps/web.
 */
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Hashed file names under /assets: the server caches them for a year.
    assetsDir: 'assets',
    rolldownOptions: {
      onwarn(warning, warn) {
        // react-router marks its modules "use client" for React Server Components; meaningless here.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `npx vite apps/web` while the API runs on :3000.
    proxy: {
      '/graphql': { target: 'http://localhost:3000', ws: true },
      '/health': 'http://localhost:3000',
      '/auth': 'http://localhost:3000',
      // A report's printable page and CSV are served by the API; /reports/:id itself is the app's.
      '^/reports/[^/]+/(print|figures\\.csv)$': 'http://localhost:3000',
    },
  },
});
