import { pino, type Logger } from 'pino';

export type { Logger };

/** Masks PHI in free text; the service passes its PhiGuard's `redact`. */
export type TextRedactor = (text: string) => string;

/**
 * Structured logs. Fields that may carry secrets, tokens or message text are removed before a
 * line is written, and every remaining string (the message and field values, errors included)
 * goes through the PHI redactor: code logs ids, codes and counts, but an error message or a
 * driver's text can still quote data.
 */
export function createLogger(
  level: string,
  destination?: NodeJS.WritableStream,
  redact?: TextRedactor,
): Logger {
  return pino(
    {
      level,
      base: { service: 'life-cockpit-security' },
      redact: {
        paths: [
          'authorization',
          '*.authorization',
          'headers.authorization',
          'req.headers.authorization',
          'token',
          '*.token',
          'secret',
          '*.secret',
          'text',
          '*.text',
          'body',
          '*.body',
          'password',
          '*.password',
          'connectionString',
        ],
        remove: true,
      },
      timestamp: pino.stdTimeFunctions.isoTime,
      ...(redact
        ? {
            formatters: {
              log: (object: Record<string, unknown>) =>
                maskStrings(object, redact) as Record<string, unknown>,
            },
            hooks: {
              logMethod(args: unknown[], method: (...a: unknown[]) => void) {
                method.apply(
                  this,
                  args.map((a) => (typeof a === 'string' ? redact(a) : a)),
                );
              },
            },
          }
        : {}),
    },
    destination ?? process.stdout,
  );
}

/** Every string inside a log object masked; errors become plain objects of masked strings. */
function maskStrings(value: unknown, redact: TextRedactor, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return {
      type: value.name,
      message: redact(value.message),
      code: (value as { code?: unknown }).code,
      stack: value.stack ? redact(value.stack) : undefined,
    };
  }
  if (Array.isArray(value)) return value.map((item) => maskStrings(item, redact, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = maskStrings(item, redact, depth + 1);
  return out;
}
