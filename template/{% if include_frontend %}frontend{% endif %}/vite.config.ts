import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// `npm run dev` forwards API calls to the backend's development server on its default address,
// so the app uses same-origin URLs in development just as when the backend serves dist/.
const backend = { "/api": { target: "http://127.0.0.1:8000", changeOrigin: true } };

export default defineConfig({
  plugins: [react()],
  server: { proxy: backend },
  preview: { proxy: backend },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/setupTests.ts"],
    restoreMocks: true,
  },
});
