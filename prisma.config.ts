/**
 * Configuration for the standard Prisma CLI (`npx prisma migrate deploy`, `migrate dev`, `studio`), for users
 * who have the schema-engine binary. The provider follows DATABASE_URL, as in the hub itself: SQLite files
 * use prisma/sqlite, PostgreSQL uses prisma/postgres. The hub's own tools (prisma/tools/) work offline
 * without it.
 */
import { defineConfig } from 'prisma/config';

const url = process.env.DATABASE_URL || 'file:./data/kefu.db';
const folder = url.startsWith('file:') ? 'sqlite' : 'postgres';

export default defineConfig({
  schema: `prisma/${folder}/schema.prisma`,
  migrations: { path: `prisma/${folder}/migrations` },
  datasource: { url },
});
