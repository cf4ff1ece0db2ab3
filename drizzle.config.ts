import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './migrations',
  // Only `generate` is used (it needs no database); migrations are applied by `npm run migrate`.
});
