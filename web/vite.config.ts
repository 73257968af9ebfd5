import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

// `vite build web` uses this folder as the root; the Worker serves `web/dist` as static
// assets with single-page-app fallback. In `vite dev`, API paths go to `wrangler dev`.
const api = process.env.FRAMEOS_API ?? "http://127.0.0.1:8787";

export default defineConfig({
  plugins: [solid()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
  },
  server: {
    proxy: {
      "/api": api,
      "/ai": api,
      "/mcp": api,
    },
  },
});
