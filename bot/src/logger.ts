import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured logs. Fields that may carry secrets, tokens or message text are removed before a
 * line is written; code logs ids, codes and counts, never chat text or bodies.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
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
    },
    destination ?? process.stdout,
  );
}
