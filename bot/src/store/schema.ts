import type { Generated } from 'kysely';

/** Table shapes as the query layer sees them. Times are ISO-8601 UTC text on both engines. */
export interface Database {
  conversations: ConversationsTable;
  directory_cache: DirectoryCacheTable;
  audit_log: AuditLogTable;
  incident_events: IncidentEventsTable;
  incidents: IncidentsTable;
  subscriptions: SubscriptionsTable;
  outbox: OutboxTable;
  cards: CardsTable;
  leases: LeasesTable;
  watermarks: WatermarksTable;
  sentinel_writebacks: SentinelWritebacksTable;
  incident_responses: IncidentResponsesTable;
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

/** The latest known version of each Sentinel incident. */
export interface IncidentsTable {
  name: string;
  number: number;
  arm_id: string | null;
  data_class: string;
  severity: string;
  status: string;
  title: string;
  last_modified_at: string | null;
  version_key: string;
  /** JSON of core/incidents' Incident. */
  data: string;
  first_received_at: string;
  updated_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  escalated_at: string | null;
  /** When the escalation's @mentions were queued (008); null while one is still owed. */
  escalation_announced_at: string | null;
  /** JSON of the changes made in Teams that Sentinel may not reflect yet; null when none. */
  local_changes: string | null;
}

/** Which data classes' incidents go to which channel or group chat. */
export interface SubscriptionsTable {
  conversation_id: string;
  data_class: string;
  created_at: string;
  created_by: string;
}

/** Every outbound Teams call, durably queued before it is made. */
export interface OutboxTable {
  id: string;
  conversation_id: string;
  kind: 'send' | 'update';
  incident_number: number | null;
  /** Enqueueing the same key twice is a no-op: no duplicate cards after a restart. */
  dedupe_key: string;
  /** JSON of the Bot Framework activity to send. */
  activity: string;
  status: 'pending' | 'sent' | 'dead';
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  /** The Teams activity id once sent. */
  activity_id: string | null;
  created_at: string;
  sent_at: string | null;
  /** The row that carried this one: a digest (alert storm) or a newer update of the same card. */
  folded_into: string | null;
  /** While a sender holds the row (a call may be in flight); other senders skip it until then. */
  leased_until: string | null;
}

/** The one live card of an incident in a conversation, updated in place. */
export interface CardsTable {
  conversation_id: string;
  incident_number: number;
  activity_id: string;
  updated_at: string;
}

export type Engine = 'sqlite' | 'postgres';
export type NoGenerated = Generated<never>;

/** A named lease: while unexpired, only its holder runs the job it guards (the Sentinel poller). */
export interface LeasesTable {
  name: string;
  holder: string;
  expires_at: string;
}

/** A named position in an external feed (the Sentinel poller's last TimeGenerated seen). */
export interface WatermarksTable {
  name: string;
  value: string;
  updated_at: string;
}

/** Teams actions to apply to the Sentinel incident through ARM, durably queued (SPEC §2). */
export interface SentinelWritebacksTable {
  id: string;
  /** Enqueue order: an incident's write-backs are applied one at a time, in this order. */
  seq: number;
  /** Enqueueing the same key twice is a no-op. */
  dedupe_key: string;
  incident_name: string;
  arm_id: string;
  /** JSON of the IncidentChange to apply. */
  change: string;
  /** The incident comment to add; null for the default one naming the actor. */
  comment: string | null;
  /** The Teams user who acted, as named in the comment. */
  actor: string;
  status: 'pending' | 'done' | 'dead';
  attempts: number;
  next_at: string;
  /** While in the future, a worker holds the row; past it, a crashed call is retried. */
  lease_until: string | null;
  last_error: string | null;
  created_at: string;
  done_at: string | null;
}

/** The response to an incident: playbook state, breach track and timings as JSON (SPEC §4). */
export interface IncidentResponsesTable {
  incident_number: number;
  playbook_id: string | null;
  phase: string | null;
  /** JSON of the playbook ResponseState; null until `respond`. */
  state: string | null;
  /** JSON of the BreachRecord; null until the breach track opens. */
  breach: string | null;
  /** JSON of the ResponseTimings, as of the last change. */
  timings: string | null;
  /** Bumped by every change: a write based on an older revision is retried on fresh data. */
  revision: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  retain_until: string | null;
}
