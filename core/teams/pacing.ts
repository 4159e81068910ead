/** One rate limit: at most `limit` sends within any `windowMs` milliseconds. */
export interface RateWindow {
  limit: number;
  windowMs: number;
}

/**
 * Teams' documented limits for a bot: per conversation, and per app per tenant (about 50
 * requests a second). Exceeding any of them earns a 429.
 */
export const LIMITS = {
  perConversation: [
    { limit: 7, windowMs: 1_000 },
    { limit: 8, windowMs: 2_000 },
    { limit: 60, windowMs: 30_000 },
    { limit: 1_800, windowMs: 3_600_000 },
  ],
  perTenant: [{ limit: 50, windowMs: 1_000 }],
} as const satisfies { perConversation: readonly RateWindow[]; perTenant: readonly RateWindow[] };

/**
 * The limits with every window widened by `marginMs`. A call is timed here before it leaves and
 * by Teams when it arrives; the margin absorbs the difference (network, event loop), so two
 * calls a window apart here are never less than a window apart there.
 */
export function withMargin(limits: PacerLimits, marginMs: number): PacerLimits {
  const widen = (windows: readonly RateWindow[]) =>
    windows.map((w) => ({ limit: w.limit, windowMs: w.windowMs + marginMs }));
  return { perConversation: widen(limits.perConversation), perTenant: widen(limits.perTenant) };
}

export interface PacerLimits {
  perConversation: readonly RateWindow[];
  perTenant: readonly RateWindow[];
}

/** Send times of one scope (a conversation or the tenant), kept sorted. */
class Scope {
  readonly times: number[] = [];

  constructor(readonly windows: readonly RateWindow[]) {}

  insert(at: number): void {
    const index = upperBound(this.times, at);
    this.times.splice(index, 0, at);
  }

  /** Drops what no window can see any more from `now` on. */
  prune(now: number): void {
    const horizon = now - maxWindow(this.windows);
    let drop = 0;
    while (drop < this.times.length && (this.times[drop] as number) <= horizon) drop += 1;
    if (drop > 0) this.times.splice(0, drop);
  }

  /** Times after `now` at which an earlier send leaves one of the windows. */
  candidates(now: number): number[] {
    const found: number[] = [];
    for (const { windowMs } of this.windows) {
      for (const at of this.times) if (at + windowMs > now) found.push(at + windowMs);
    }
    return found;
  }

  /**
   * The earliest time, not before `from` nor before the newest send, at which one more send
   * appended after all the others keeps every window within its limit: for each window that is
   * full, the moment its oldest counted send leaves it.
   */
  nextAppend(from: number): number {
    const n = this.times.length;
    let t = Math.max(from, n > 0 ? (this.times[n - 1] as number) : from);
    for (const { limit, windowMs } of this.windows) {
      if (n >= limit) t = Math.max(t, (this.times[n - limit] as number) + windowMs);
    }
    return t;
  }

  copy(): Scope {
    const scope = new Scope(this.windows);
    scope.times.push(...this.times);
    return scope;
  }

  /** Whether one more send at `t` keeps every window within its limit. */
  allows(t: number): boolean {
    const times = this.times;
    const n = times.length;
    const k = upperBound(times, t);
    const at = (i: number): number => (i < k ? times[i] : i === k ? t : times[i - 1]) as number;
    for (const { limit, windowMs } of this.windows) {
      if (n < limit) continue;
      // With t inserted at k, every run of limit+1 consecutive sends that includes t must span
      // at least the window; a run ending at the newest send is the only one when k === n.
      const first = Math.max(0, k - limit);
      const last = Math.min(k, n - limit);
      for (let j = first; j <= last; j += 1) {
        if (at(j + limit) - at(j) < windowMs) return false;
      }
    }
    return true;
  }
}

/**
 * Paces outbound Teams calls for one app in one tenant: remembers recent send times per
 * conversation and for the tenant, and says when the next send to a conversation may go without
 * breaking any window. Memory is bounded: times older than the longest window are pruned.
 * Pure: the caller passes every time in (ms since the epoch).
 */
export class Pacer {
  private readonly conversations = new Map<string, Scope>();
  private readonly tenant: Scope;
  private lastSweep = Number.NEGATIVE_INFINITY;

  constructor(private readonly limits: PacerLimits = LIMITS) {
    this.tenant = new Scope(limits.perTenant);
  }

  /** The earliest time (ms epoch), never before `now`, at which a send to the conversation may go. */
  earliest(conversationId: string, now: number): number {
    this.prune(conversationId, now);
    const conversation = this.conversations.get(conversationId);
    const scopes = conversation ? [conversation, this.tenant] : [this.tenant];
    const allowed = (t: number): boolean => scopes.every((s) => s.allows(t));
    if (allowed(now)) return now;
    // Validity only begins where an earlier send leaves a window, so the answer is one of these.
    const candidates = scopes.flatMap((s) => s.candidates(now)).sort((a, b) => a - b);
    for (const t of candidates) if (allowed(t)) return t;
    // Unreachable: after the last candidate every window holds fewer sends than it allows.
    return Math.max(now, ...candidates);
  }

  /**
   * How many sends to the conversation could still go within `horizonMs` of `now`, counting at
   * most `max`: a simulation on copies of the windows, each send at its earliest allowed time.
   * It assumes the conversation has the tenant's spare capacity to itself.
   */
  capacity(conversationId: string, now: number, horizonMs: number, max: number): number {
    this.prune(conversationId, now);
    const conversation =
      this.conversations.get(conversationId)?.copy() ?? new Scope(this.limits.perConversation);
    const tenant = this.tenant.copy();
    let count = 0;
    let t = now;
    while (count < max) {
      t = Math.max(conversation.nextAppend(t), tenant.nextAppend(t));
      if (t > now + horizonMs) break;
      conversation.times.push(t);
      tenant.times.push(t);
      count += 1;
    }
    return count;
  }

  /** Records a send (or an attempt: a refused call still counts against Teams' limits). */
  record(conversationId: string, at: number): void {
    let conversation = this.conversations.get(conversationId);
    if (!conversation) {
      conversation = new Scope(this.limits.perConversation);
      this.conversations.set(conversationId, conversation);
    }
    conversation.insert(at);
    this.tenant.insert(at);
  }

  /** How many conversations have sends still inside a window (for tests and metrics). */
  get trackedConversations(): number {
    return this.conversations.size;
  }

  /** Prunes the scopes asked about now, and every conversation once a minute. */
  private prune(conversationId: string, now: number): void {
    this.tenant.prune(now);
    const sweep = now - this.lastSweep >= SWEEP_EVERY_MS;
    if (sweep) this.lastSweep = now;
    for (const [id, scope] of sweep ? this.conversations : this.only(conversationId)) {
      scope.prune(now);
      if (scope.times.length === 0) this.conversations.delete(id);
    }
  }

  private only(conversationId: string): [string, Scope][] {
    const scope = this.conversations.get(conversationId);
    return scope ? [[conversationId, scope]] : [];
  }
}

const SWEEP_EVERY_MS = 60_000;

function maxWindow(windows: readonly RateWindow[]): number {
  return windows.reduce((max, w) => Math.max(max, w.windowMs), 0);
}

/** Index of the first element greater than `value` in a sorted array. */
function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
