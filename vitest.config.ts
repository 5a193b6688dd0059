import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 240_000,
    // The PostgreSQL-restart fault test terminates backends; pg reports that on idle pooled clients as an uncaught
    // error after the test has already asserted recovery (tracked in the issue note).
    dangerouslyIgnoreUnhandledErrors: true,
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    reporters: ["default", "json"],
    outputFile: { json: "test-artifacts/vitest-results.json" },
  },
});
