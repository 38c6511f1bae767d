import { defineConfig } from "drizzle-kit";

// Paths are relative to the repository root: run `npm run db:generate` from there.
export default defineConfig({
  dialect: "postgresql",
  schema: "./shared/db/schema.ts",
  out: "./shared/db/migrations",
});
