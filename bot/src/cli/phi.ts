import readline from 'node:readline';
import type { PhiGuard } from '../phi/guard.js';

/** `cockpit redact`: text on stdin → the same text with PHI masked on stdout. */
export async function runRedact(
  guard: PhiGuard,
  input: NodeJS.ReadableStream,
  out: NodeJS.WritableStream,
): Promise<number> {
  let text = '';
  input.setEncoding?.('utf8');
  for await (const chunk of input) text += String(chunk);
  out.write(guard.redact(text));
  return 0;
}

/**
 * `cockpit phi-spans`: JSON lines `{"text": …}` on stdin → `{"spans":[{start,end,type}]}` per line
 * on stdout, in order. A line that is not such an object is answered with `{"error": …}` in its
 * place (so lines stay aligned), named on stderr, and the exit code is 2.
 */
export async function runPhiSpans(
  guard: PhiGuard,
  input: NodeJS.ReadableStream,
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  let code = 0;
  let n = 0;
  for await (const line of readline.createInterface({ input, crlfDelay: Infinity })) {
    n += 1;
    if (line.trim() === '') continue;
    let text: unknown;
    try {
      text = (JSON.parse(line) as { text?: unknown }).text;
    } catch {
      text = undefined;
    }
    if (typeof text !== 'string') {
      const message = `line ${n}: expected a JSON object with a string "text"`;
      err.write(`${message}\n`);
      out.write(`${JSON.stringify({ error: message })}\n`);
      code = 2;
      continue;
    }
    const spans = guard.spans(text).map(({ start, end, type }) => ({ start, end, type }));
    out.write(`${JSON.stringify({ spans })}\n`);
  }
  return code;
}
