import { type z } from 'zod';

/** One thing wrong with breach input: the field (as the card input id / JSON path) and what to do. */
export interface BreachProblem {
  field: string;
  message: string;
}

/** `{field:'usByState.ZZ', message:…}` → `usByState.ZZ: …`, for one-line chat replies. */
export function problemLine(problem: BreachProblem): string {
  return `${problem.field}: ${problem.message}`;
}

/** `['phipaCircumstances', 1]` → `phipaCircumstances[1]`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** zod's messages for what the field schemas leave to it (none today, but never a raw zod text). */
export function zodProblems(error: z.ZodError, prefix: readonly PropertyKey[]): BreachProblem[] {
  return error.issues.map((issue) => ({
    field: fieldPath([...prefix, ...issue.path]),
    message: issue.code === 'custom' ? issue.message : 'is not valid',
  }));
}

/** Plain object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
