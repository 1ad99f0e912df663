import { defineConfig } from 'vite';

// No @vitejs/plugin-react: Vite's own esbuild step compiles JSX, which keeps the install small
// and works with npm 10 and 11. `npm run dev` proxies /api/signet to a local Signet and adds a
// trusted API key there, the way a real backend route would (see docs/clients.md).
export default defineConfig({
  base: './',
  esbuild: { jsx: 'automatic' },
  build: { target: 'es2022' },
  server: {
    proxy: {
      '/api/signet': {
        target: process.env.SIGNET_URL ?? 'http://localhost:8080',
        rewrite: (path) => path.replace(/^\/api\/signet/, ''),
        headers: { 'X-Api-Key': process.env.SIGNET_API_KEY ?? 'demo-key-change-me-0123456789' },
      },
    },
  },
});
