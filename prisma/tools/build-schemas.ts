/**
 * Writes prisma/sqlite/schema.prisma and prisma/postgres/schema.prisma from prisma/models.prisma.
 *
 *     npx tsx prisma/tools/build-schemas.ts
 *
 * Run after editing the models (new-migration.ts also does it); test/prisma/schemas.test.ts fails while the
 * committed schemas are stale.
 */
import { relative } from 'node:path';
import { REPO_ROOT } from './layout.ts';
import { writeSchemas } from './schemas.ts';

for (const path of await writeSchemas()) console.log(`wrote ${relative(REPO_ROOT, path)}`);
