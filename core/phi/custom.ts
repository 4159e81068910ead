import { type Candidate, SCORE } from './candidate.js';
import { type CustomPattern } from './types.js';

/** Compiled custom patterns: each regex cloned once with the global flag. */
export interface CompiledPattern {
  type: CustomPattern['type'];
  re: RegExp;
  group: number | undefined;
}

/**
 * Clones each configured regex as global (and with `d` for group offsets), so matching never
 * touches the caller's regex state.
 */
export function compilePatterns(patterns: readonly CustomPattern[]): CompiledPattern[] {
  return patterns.map((p) => {
    let flags = p.pattern.flags.replace(/[gy]/g, '') + 'g';
    if (p.group !== undefined && !flags.includes('d')) flags += 'd';
    return { type: p.type, re: new RegExp(p.pattern.source, flags), group: p.group };
  });
}

/** Runs configured patterns; their spans outrank every built-in detector's. */
export function detectCustom(
  text: string,
  patterns: readonly CompiledPattern[],
  out: Candidate[],
): void {
  for (const p of patterns) {
    p.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = p.re.exec(text)) !== null) {
      if (m[0].length === 0) {
        p.re.lastIndex++;
        continue;
      }
      let start = m.index;
      let end = m.index + m[0].length;
      if (p.group !== undefined) {
        const at = m.indices?.[p.group];
        if (!at || at[1] === at[0]) continue;
        start = at[0];
        end = at[1];
      }
      out.push({ start, end, type: p.type, score: SCORE.custom });
    }
  }
}
