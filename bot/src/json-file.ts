import fs from 'node:fs';
import type { z } from 'zod';

/**
 * Reads a JSON settings file and checks it against `schema`. The error names the variable that
 * points at the file, the file, and every wrong entry, so start-up can stop with it.
 */
export function readJsonFile<S extends z.ZodType>(
  variable: string,
  file: string,
  schema: S,
): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${variable} ${file}: cannot read it as JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${i.path.join('.') || '(root)'}: ${i.message}`,
    );
    throw new Error(`${variable} ${file} is not valid: ${problems.join('; ')}`);
  }
  return parsed.data;
}
