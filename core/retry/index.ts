/** The status a client reports when no HTTP answer came back (connection refused, reset, timeout). */
export const NETWORK_ERROR = 0;

/** How an outbound client retries: which answers may succeed later, how long to wait, how often. */
export interface RetryPolicy {
  /** Attempts in all, the first included; the failure of the last one is final. */
  maxAttempts: number;
  /** Answers worth another try (anything else is final at once). */
  transient: (status: number) => boolean;
  /** Exponential backoff: `baseMs × 2^(attempt-1)`, at most `capMs`, then jittered. */
  baseMs: number;
  capMs: number;
  /** `full`: anywhere in [0, backoff); `half`: in [½, 1) of it. */
  jitter: 'full' | 'half';
  /** A `Retry-After` is taken as given, up to this long. */
  maxRetryAfterMs: number;
}

export type RetryDecision =
  { retry: true; delayMs: number } | { retry: false; why: 'final' | 'exhausted' };

/**
 * Outbound Teams calls (SPEC §3): 429 waits what `Retry-After` says; 412, 502, 503, 504 and
 * network errors back off exponentially with full jitter (base 1 s, cap 60 s); six attempts.
 */
export const TEAMS_RETRY: RetryPolicy = {
  maxAttempts: 6,
  transient: (status) => [NETWORK_ERROR, 412, 429, 502, 503, 504].includes(status),
  baseMs: 1_000,
  capMs: 60_000,
  jitter: 'full',
  maxRetryAfterMs: 60 * 60_000,
};

/**
 * Sentinel write-back through ARM: throttling, server trouble, timeouts and network errors are
 * retried, and 401 too (a fresh token may help); backoff 5 s × 2ⁿ up to 15 min with jitter in
 * [½, 1); twelve attempts, about an hour. 412 is handled inside the client (re-read, re-apply).
 */
export const ARM_RETRY: RetryPolicy = {
  maxAttempts: 12,
  transient: (status) =>
    status === NETWORK_ERROR || status === 401 || status === 408 || status === 429 || status >= 500,
  baseMs: 5_000,
  capMs: 15 * 60_000,
  jitter: 'half',
  maxRetryAfterMs: 60 * 60_000,
};

/**
 * What to do after a call failed. `attempt` counts the calls made so far, this one included (1
 * after the first failure). A transient answer is retried after its `Retry-After` (bounded) or
 * after the policy's jittered backoff, until the last allowed attempt. `random` returns a number
 * in [0, 1), as Math.random does.
 */
export function retryDecision(
  policy: RetryPolicy,
  status: number,
  attempt: number,
  retryAfterSeconds: number | null,
  random: () => number,
): RetryDecision {
  if (!policy.transient(status)) return { retry: false, why: 'final' };
  if (attempt >= policy.maxAttempts) return { retry: false, why: 'exhausted' };
  if (retryAfterSeconds !== null && retryAfterSeconds >= 0) {
    return {
      retry: true,
      delayMs: Math.min(policy.maxRetryAfterMs, Math.ceil(retryAfterSeconds * 1_000)),
    };
  }
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const share = policy.jitter === 'full' ? random() : 0.5 + random() / 2;
  return { retry: true, delayMs: Math.floor(share * ceiling) };
}
