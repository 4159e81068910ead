import {
  type BreachParty,
  type ObligationStatus,
  parseInstant,
  type TrackedObligation,
} from '../../../../core/breach/index.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** Who each party is, in words a person at the practice recognises. */
export const PARTY_TEXT: Record<BreachParty, string> = {
  individuals: 'Affected individuals',
  hhs: 'HHS Secretary',
  media: 'Media',
  ipc: 'IPC Ontario',
  opc: 'Privacy Commissioner of Canada',
  acquirer: 'Acquirer and payment brands',
  other: 'Organizations that can reduce harm',
};

export const STATUS_TEXT: Record<ObligationStatus, string> = {
  pending: 'open',
  due_soon: 'due soon',
  overdue: 'overdue',
  done: 'done',
};

/** The colour of a status: overdue demands attention, due soon warns, done is good. */
export const STATUS_COLOR = {
  pending: 'Default',
  due_soon: 'Warning',
  overdue: 'Attention',
  done: 'Good',
} as const satisfies Record<ObligationStatus, string>;

/**
 * `Mon 16 Mar 2026 13:30 UTC`. Cards are rendered on the server for a whole conversation, so
 * there is no reader's zone to convert to; UTC with a weekday is unambiguous for everyone.
 */
export function utcText(iso: string, withYear = true): string {
  const ms = parseInstant(iso);
  if (ms === null) return iso;
  const d = new Date(ms);
  const time = d.toISOString().slice(11, 16);
  const year = withYear ? ` ${d.getUTCFullYear()}` : '';
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}${year} ${time} UTC`;
}

/** `12 d`, `2 d 4 h`, `5 h`, `35 min`: coarse enough to read at a glance, exact to the minute below 1 h. */
function span(ms: number): string {
  if (ms < HOUR_MS) return `${Math.max(1, Math.floor(ms / MINUTE_MS))} min`;
  const days = Math.floor(ms / DAY_MS);
  const hours = Math.floor((ms % DAY_MS) / HOUR_MS);
  if (days === 0) return `${hours} h`;
  // A week out, the hour no longer matters to anyone reading the card.
  return hours === 0 || days >= 7 ? `${days} d` : `${days} d ${hours} h`;
}

/** `in 2 d 4 h`, `3 h overdue`, `due now`, relative to `now`. */
export function relativeText(dueIso: string, nowIso: string): string {
  const due = parseInstant(dueIso);
  const now = parseInstant(nowIso);
  if (due === null || now === null) return '';
  const left = due - now;
  if (Math.abs(left) < MINUTE_MS) return 'due now';
  return left > 0 ? `in ${span(left)}` : `${span(-left)} overdue`;
}

/** `Media (CA)`, `HHS Secretary`. */
export function partyText(o: Pick<TrackedObligation, 'party' | 'state'>): string {
  return o.state ? `${PARTY_TEXT[o.party]} (${o.state})` : PARTY_TEXT[o.party];
}

/** When it is due, in words: absolute UTC and, while it is not done, how far off. */
export function dueText(o: TrackedObligation, now: string): string {
  if (o.dueAt === null) return 'date set by the payment brands';
  if (o.doneWhen === 'retention_ended') return `keep the record until ${utcText(o.dueAt)}`;
  const when = `due ${utcText(o.dueAt)}`;
  return o.status === 'done' ? when : `${when}, ${relativeText(o.dueAt, now)}`;
}

/** How it stands: `overdue`, or for a done one, when it was notified and whether late. */
export function statusText(o: TrackedObligation): string {
  if (o.status !== 'done' || o.notifiedAt === null) return STATUS_TEXT[o.status];
  return `notified ${utcText(o.notifiedAt)}${o.late ? ' (late)' : ''}`;
}

/** Most urgent first: overdue, due soon, open (each by deadline), then done. */
export function byUrgency(obligations: readonly TrackedObligation[]): TrackedObligation[] {
  const rank: Record<ObligationStatus, number> = { overdue: 0, due_soon: 1, pending: 2, done: 3 };
  const due = (o: TrackedObligation) =>
    o.dueAt === null ? Infinity : (parseInstant(o.dueAt) ?? 0);
  return [...obligations].sort((a, b) => rank[a.status] - rank[b.status] || due(a) - due(b));
}
