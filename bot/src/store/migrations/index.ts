import type { Migration, MigrationProvider } from 'kysely';
import * as foundation from './001-foundation.js';
import * as incidentIntake from './002-incident-intake.js';

/** Versioned migrations, applied in name order at start and by `cockpit migrate`. */
export const MIGRATIONS: Record<string, Migration> = {
  '001-foundation': foundation,
  '002-incident-intake': incidentIntake,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
