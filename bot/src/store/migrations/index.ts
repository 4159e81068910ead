import type { Migration, MigrationProvider } from 'kysely';
import * as foundation from './001-foundation.js';
import * as incidentIntake from './002-incident-intake.js';
import * as incidentsRoutingOutbox from './003-incidents-routing-outbox.js';
import * as pollerState from './004-poller-state.js';
import * as sentinelWriteback from './005-sentinel-writeback.js';
import * as outboxDigests from './006-outbox-digests.js';
import * as incidentResponse from './007-incident-response.js';
import * as escalationAnnounced from './008-escalation-announced.js';
import * as outboxCardUpdates from './009-outbox-card-updates.js';

/** Versioned migrations, applied in name order at start and by `cockpit migrate`. */
export const MIGRATIONS: Record<string, Migration> = {
  '001-foundation': foundation,
  '002-incident-intake': incidentIntake,
  '003-incidents-routing-outbox': incidentsRoutingOutbox,
  '004-poller-state': pollerState,
  '005-sentinel-writeback': sentinelWriteback,
  '006-outbox-digests': outboxDigests,
  '007-incident-response': incidentResponse,
  '008-escalation-announced': escalationAnnounced,
  '009-outbox-card-updates': outboxCardUpdates,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
