import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DATABASE_PROVIDERS } from '../../core/storage/driver-adapter.ts';
import { MIGRATED_MODELS_PATH, MODELS_PATH, schemaPath } from '../../prisma/tools/layout.ts';
import { buildSchema } from '../../prisma/tools/schemas.ts';

describe('provider schemas', () => {
  for (const provider of DATABASE_PROVIDERS) {
    it(`${provider}: the committed schema.prisma is built from prisma/models.prisma (run npm run db:build-schemas)`, async () => {
      expect(await readFile(schemaPath(provider), 'utf8')).toBe(await buildSchema(provider));
    });
  }

  it('has a migration for every model change (run npm run db:new-migration -- <name>)', async () => {
    expect(await readFile(MIGRATED_MODELS_PATH, 'utf8')).toBe(await readFile(MODELS_PATH, 'utf8'));
  });
});
