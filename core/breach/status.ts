import { type BreachParty, type Obligation } from './obligations.js';
import { resolveSettings, type BreachSettings } from './settings.js';
import { type UsState } from './states.js';
import { HOUR_MS, instantOrThrow, isoOf, utcYear } from './time.js';

/** One logged notice (`breach.notified`): who was told, when, how, and who logged it. */
export interface BreachNotification {
  party: BreachParty;
  /** ISO-8601 with a zone. */
  at: string;
  method: string | null;
  /** Who recorded it (AAD object id or name). */
  by: string;
  /** For media notices: the state whose media were told. */
  state?: UsState | null;
}

/**
 * `pending`: nothing to do yet; `due_soon`: the first reminder has fired; `overdue`: past the
 * deadline and not done; `done`: completed (see `DoneWhen`).
 */
export type ObligationStatus = 'pending' | 'due_soon' | 'overdue' | 'done';

/** An obligation with its state at a given time (the API's `breach.obligations` items). */
export interface TrackedObligation extends Obligation {
  status: ObligationStatus;
  /** The earliest logged notice that completes it, ISO-8601 UTC; null when none. */
  notifiedAt: string | null;
  /** Completed by a notice logged after the deadline. */
  late: boolean;
}

/** When a notice completes the obligation; null when it does not. */
function completes(obligation: Obligation, notice: BreachNotification): number | null {
  if (obligation.doneWhen === 'retention_ended') return null;
  if (notice.party !== obligation.party) return null;
  if (obligation.state !== null && (notice.state ?? null) !== obligation.state) return null;
  const at = instantOrThrow(notice.at, 'notification at');
  if (obligation.doneWhen === 'reported_after_year_end') {
    // The annual statistics cover the whole year of discovery, so only a report made after
    // that year ended can include this breach; an earlier IPC notice is the s.6.3 one.
    const since = instantOrThrow(obligation.since, 'since');
    if (at < Date.UTC(utcYear(since) + 1, 0, 1)) return null;
  }
  return at;
}

function earliestNotice(
  obligation: Obligation,
  notifications: readonly BreachNotification[],
): number | null {
  let earliest: number | null = null;
  for (const notice of notifications) {
    const at = completes(obligation, notice);
    if (at !== null && (earliest === null || at < earliest)) earliest = at;
  }
  return earliest;
}

/** One scheduled nudge about an obligation. */
export interface Reminder {
  obligationId: string;
  rule: string;
  party: BreachParty;
  state: UsState | null;
  /** ISO-8601 UTC. */
  at: string;
  /** `reminder` before the deadline, `due` at it, `escalation` after it. */
  kind: 'reminder' | 'due' | 'escalation';
  label: string;
}

const KIND_ORDER = { reminder: 0, due: 1, escalation: 2 } as const;

/** The schedule of one obligation, ms instants, deduplicated, in time order. */
function scheduleOf(
  obligation: Obligation,
  s: BreachSettings,
): { at: number; kind: Reminder['kind']; label: string }[] {
  if (obligation.dueAt === null || obligation.doneWhen === 'retention_ended') return [];
  const since = instantOrThrow(obligation.since, 'since');
  const due = instantOrThrow(obligation.dueAt, 'dueAt');
  const points: { at: number; kind: Reminder['kind']; label: string }[] = [];
  for (const fraction of s.reminderFractions) {
    const label = `${Math.round(fraction * 100)}% of the time to the deadline has passed`;
    points.push({ at: since + Math.round((due - since) * fraction), kind: 'reminder', label });
  }
  for (const hours of s.reminderLeadHours) {
    points.push({
      at: due - hours * HOUR_MS,
      kind: 'reminder',
      label: `${hours} h before the deadline`,
    });
  }
  const before = points.filter((p) => p.at > since && p.at < due);
  const after = s.escalationHours
    .filter((hours) => hours > 0)
    .map((hours) => ({
      at: due + hours * HOUR_MS,
      kind: 'escalation' as const,
      label: `${hours} h past the deadline`,
    }));
  const all = [...before, { at: due, kind: 'due' as const, label: 'deadline' }, ...after];
  all.sort((x, y) => x.at - y.at || KIND_ORDER[x.kind] - KIND_ORDER[y.kind]);
  return all.filter((p, i) => i === 0 || p.at !== (all[i - 1] as { at: number }).at);
}

/**
 * When to remind before each deadline (at each `reminderFractions` share of the time and
 * `reminderLeadHours` before it, when that falls after discovery), at the deadline, and when to
 * escalate after it (`escalationHours`). Obligations without a date and record-keeping ones get
 * none. The caller skips those already done when one fires. Sorted by time, then by the
 * obligations' order; pure and deterministic.
 */
export function reminders(
  obligations: readonly Obligation[],
  settings: Partial<BreachSettings> = {},
): Reminder[] {
  const s = resolveSettings(settings);
  const all = obligations.flatMap((o, index) => scheduleOf(o, s).map((p) => ({ index, p, o })));
  all.sort((x, y) => x.p.at - y.p.at || x.index - y.index);
  return all.map(({ o, p }) => ({
    obligationId: o.id,
    rule: o.rule,
    party: o.party,
    state: o.state,
    at: isoOf(p.at),
    kind: p.kind,
    label: p.label,
  }));
}

/**
 * Where an obligation stands at `now` (ISO) given the notices logged so far. A notice completes
 * a `notify` obligation when it went to the same party (and, for media, the same state); it is
 * `due_soon` from its first reminder (`reminders`) and `overdue` once past `dueAt`. Obligations
 * without a date stay `pending` until done.
 */
export function obligationStatus(
  obligation: Obligation,
  notifications: readonly BreachNotification[],
  now: string,
  settings: Partial<BreachSettings> = {},
): ObligationStatus {
  const t = instantOrThrow(now, 'now');
  if (earliestNotice(obligation, notifications) !== null) return 'done';
  if (obligation.dueAt === null) return 'pending';
  const due = instantOrThrow(obligation.dueAt, 'dueAt');
  if (obligation.doneWhen === 'retention_ended') return t >= due ? 'done' : 'pending';
  if (t > due) return 'overdue';
  const first = scheduleOf(obligation, resolveSettings(settings))[0];
  return first !== undefined && t >= first.at ? 'due_soon' : 'pending';
}

/** Every obligation with its status, the notice that completed it, and whether that was late. */
export function trackObligations(
  obligations: readonly Obligation[],
  notifications: readonly BreachNotification[],
  now: string,
  settings: Partial<BreachSettings> = {},
): TrackedObligation[] {
  return obligations.map((o) => {
    const notified = earliestNotice(o, notifications);
    const due = o.dueAt === null ? null : instantOrThrow(o.dueAt, 'dueAt');
    return {
      ...o,
      status: obligationStatus(o, notifications, now, settings),
      notifiedAt: notified === null ? null : isoOf(notified),
      late: notified !== null && due !== null && notified > due,
    };
  });
}
