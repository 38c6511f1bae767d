import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".tooling/**", "data/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more forks only thrash.
    maxWorkers: 2,
  },
});
