/** The status a transport reports when no HTTP answer came back (connection refused, reset, timeout). */
export const NETWORK_ERROR = 0;

/** Attempts in all, the first included; the sixth failure is final. */
export const MAX_ATTEMPTS = 6;
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 60_000;

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

const TRANSIENT = new Set([NETWORK_ERROR, 412, 502, 503, 504]);

/**
 * What to do after an outbound Teams call failed. `attempt` counts the calls made so far, this one
 * included (1 after the first failure). 429 waits what `Retry-After` says (or backs off when it is
 * absent); 412, 502, 503, 504 and network errors back off exponentially with full jitter (base 1 s,
 * cap 60 s); anything else is final, and so is the failure of the last allowed attempt.
 * `random` returns a number in [0, 1), as Math.random does.
 */
export function retryDecision(
  status: number,
  attempt: number,
  retryAfterSeconds: number | null,
  random: () => number,
): RetryDecision {
  if (attempt >= MAX_ATTEMPTS) return { retry: false };
  if (status === 429 && retryAfterSeconds !== null && retryAfterSeconds >= 0) {
    return { retry: true, delayMs: Math.ceil(retryAfterSeconds * 1_000) };
  }
  if (status !== 429 && !TRANSIENT.has(status)) return { retry: false };
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return { retry: true, delayMs: Math.floor(random() * ceiling) };
}
