import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a signed request's timestamp may be from now, either way (SPEC §2). */
export const SIGNATURE_WINDOW_SECONDS = 300;

/**
 * Checks `X-Cockpit-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">` keyed with
 * the UTF-8 bytes of the secret, and that `X-Cockpit-Timestamp` is within the window. Returns
 * null when it holds, else why not (for the audit trail; never the expected signature).
 */
export function checkSignature(options: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  rawBody: Buffer;
  nowSeconds: number;
}): string | null {
  const { timestamp, signature } = options;
  if (!timestamp || !signature) return 'no signature headers';
  if (!/^\d{1,12}$/.test(timestamp)) return 'X-Cockpit-Timestamp is not unix seconds';
  if (Math.abs(options.nowSeconds - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS) {
    return 'X-Cockpit-Timestamp is outside the 300 s window';
  }
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(signature.trim());
  if (!match) return 'X-Cockpit-Signature is not sha256=<64 hex>';
  const expected = createHmac('sha256', Buffer.from(options.secret, 'utf8'))
    .update(`${timestamp}.`)
    .update(options.rawBody)
    .digest();
  const given = Buffer.from((match[1] as string).toLowerCase(), 'hex');
  return timingSafeEqual(expected, given) ? null : 'the signature does not match';
}

/** The headers a signer (a playbook, `cockpit replay`) sends for a body. */
export function signBody(
  secret: string,
  rawBody: Buffer | string,
  nowSeconds: number,
): Record<string, string> {
  const timestamp = String(nowSeconds);
  const hex = createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(`${timestamp}.`)
    .update(rawBody)
    .digest('hex');
  return { 'X-Cockpit-Timestamp': timestamp, 'X-Cockpit-Signature': `sha256=${hex}` };
}
