import type { Generated } from 'kysely';

/** Table shapes as the query layer sees them. Times are ISO-8601 UTC text on both engines. */
export interface Database {
  conversations: ConversationsTable;
  directory_cache: DirectoryCacheTable;
  audit_log: AuditLogTable;
  incident_events: IncidentEventsTable;
}

/** Every conversation the bot is installed in, with what it needs to post there later. */
export interface ConversationsTable {
  id: string;
  kind: 'personal' | 'groupChat' | 'channel';
  tenant_id: string | null;
  service_url: string;
  channel_id: string;
  /** Teams team id for channels, the user's AAD object id for personal chats. */
  team_id: string | null;
  user_aad_object_id: string | null;
  name: string | null;
  /** JSON of the Bot Framework ConversationReference. */
  reference: string;
  installed_at: string;
  updated_at: string;
  uninstalled_at: string | null;
}

/** Roles resolved from Entra (Graph) for chat users, kept for a short time. */
export interface DirectoryCacheTable {
  aad_object_id: string;
  name: string | null;
  upn: string | null;
  /** JSON array of role values. */
  roles: string;
  fetched_at: string;
  expires_at: string;
}

/** The hash-chained audit trail: one row per entry, never updated or deleted. */
export interface AuditLogTable {
  seq: number;
  ts: string;
  actor_id: string;
  actor_name: string;
  actor_kind: 'user' | 'system';
  /** JSON array of role values. */
  roles: string;
  action: string;
  target_type: string;
  target_id: string;
  data_class: string | null;
  outcome: string;
  channel: string;
  request_id: string | null;
  /** Canonical JSON. */
  details: string;
  prev_hash: string;
  hash: string;
}

/** Sentinel events as accepted (webhook or poller), before processing. */
export interface IncidentEventsTable {
  id: string;
  received_at: string;
  source: 'webhook' | 'poller';
  event_unique_id: string | null;
  /** Incident ARM id (or name) + lastModifiedTimeUtc: one row per incident version. */
  version_key: string;
  event_type: string;
  incident_name: string;
  incident_number: number;
  /** The body as received (JSON). */
  payload: string;
  processed_at: string | null;
}

export type Engine = 'sqlite' | 'postgres';
export type NoGenerated = Generated<never>;
