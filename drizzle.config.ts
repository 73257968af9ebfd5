import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: ["./workers/db/schema.ts", "./workers/db/schema-payments.ts", "./workers/db/schema-agent-callbacks.ts", "./workers/db/schema-perception.ts"],
  out: "./migrations",
});
