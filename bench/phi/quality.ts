/**
 * PHI detection quality: entity-level precision, recall and F1 per type, strict and by overlap,
 * for core/phi and for redact-pii, over the dev corpus and over a generated one, in one process.
 */
import fs from 'node:fs';
import { figure } from '../lib/figures.js';
import type { Benchmark, Figure } from '../lib/types.js';
import { devCorpusPath, PHI_TYPES, readCorpus, type LabelledLine, type Span } from './corpus.js';
import { foldName, generateCorpus, toJsonl, type GeneratedLine } from './generator.js';
import { coverage, scoreSpans, type Coverage, type ScoreReport, type Scores } from './metrics.js';
import { subject } from './subject.js';
import { corePhiTool, redactPiiTool, type PhiTool } from './tools.js';

const SEED = Number(process.env.BENCH_PHI_SEED ?? 7);
const LINES = Number(process.env.BENCH_PHI_LINES ?? 5000);
const DEV_TARGETS = {
  recall: { op: '>=', value: 0.97 },
  precision: { op: '>=', value: 0.93 },
} as const;

interface ToolRun {
  tool: PhiTool;
  predicted: Span[][];
  report: ScoreReport;
  coverage: Coverage;
}

interface CorpusRun {
  label: string;
  lines: readonly LabelledLine[];
  runs: ToolRun[];
}

function runTool(tool: PhiTool, lines: readonly LabelledLine[]): ToolRun {
  const predicted = lines.map((l) => tool.spans(l.text));
  const masked = lines.map((l) => tool.masked(l.text));
  return {
    tool,
    predicted,
    report: scoreSpans(
      lines.map((l) => l.spans),
      predicted,
    ),
    coverage: coverage(
      lines.map((l) => l.text),
      lines.map((l) => l.spans),
      masked,
    ),
  };
}

const fmt = (v: number | null): string => (v === null ? '  –  ' : v.toFixed(3));

function prf(s: Scores): string {
  return `P ${fmt(s.precision)} R ${fmt(s.recall)} F1 ${fmt(s.f1)}`;
}

/** The per-type table printed to the terminal. */
function printTable(run: CorpusRun): void {
  const header = ['type', 'gold'].concat(
    run.runs.flatMap((r) => [`${r.tool.name} P`, 'R', 'F1', 'F1 ovl']),
  );
  const rows: string[][] = [];
  const row = (name: string, pick: (rep: ScoreReport) => [Scores, Scores]): void => {
    const first = pick(run.runs[0]!.report)[0];
    rows.push(
      [name, String(first.gold)].concat(
        run.runs.flatMap((r) => {
          const [strict, loose] = pick(r.report);
          return [fmt(strict.precision), fmt(strict.recall), fmt(strict.f1), fmt(loose.f1)];
        }),
      ),
    );
  };
  for (const type of PHI_TYPES)
    row(type, (rep) => [rep.strict.byType[type], rep.overlap.byType[type]]);
  row('all', (rep) => [rep.strict.overall, rep.overlap.overall]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const show = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n  ${run.label}: ${run.lines.length} lines`);
  console.log(`  ${show(header)}`);
  for (const r of rows) console.log(`  ${show(r)}`);
  for (const r of run.runs) {
    const c = r.coverage;
    console.log(
      `  ${r.tool.name}: ${c.fullyMasked}/${c.goldSpans} gold spans fully masked (any type); ` +
        `${c.negativeLinesTouched}/${c.negativeLines} no-PHI lines touched`,
    );
  }
}

const key = (s: Span): string => `${s.start}:${s.end}:${s.type}`;

/** A few misses and false alarms, so a failing figure comes with something to look at. */
function printErrors(run: CorpusRun, toolRun: ToolRun, limit: number): void {
  const misses: string[] = [];
  const alarms: string[] = [];
  run.lines.forEach((line, i) => {
    const predicted = toolRun.predicted[i] ?? [];
    const p = new Set(predicted.map(key));
    const g = new Set(line.spans.map(key));
    const show = (s: Span): string => `${s.type} "${line.text.slice(s.start, s.end)}"`;
    for (const s of line.spans) if (!p.has(key(s))) misses.push(`${show(s)} in: ${line.text}`);
    for (const s of predicted) if (!g.has(key(s))) alarms.push(`${show(s)} in: ${line.text}`);
  });
  const head = `  ${toolRun.tool.name} on ${run.label}`;
  console.log(`${head}: ${misses.length} strict misses, ${alarms.length} strict false positives`);
  for (const m of misses.slice(0, limit)) console.log(`    miss  ${m}`);
  for (const a of alarms.slice(0, limit)) console.log(`    extra ${a}`);
}

/** Strict recall per template of the generated corpus, worst first. */
function printTemplates(lines: readonly GeneratedLine[], toolRun: ToolRun): void {
  const byTemplate = new Map<string, { gold: number; found: number; extra: number }>();
  lines.forEach((line, i) => {
    const entry = byTemplate.get(line.template) ?? { gold: 0, found: 0, extra: 0 };
    const predicted = new Set((toolRun.predicted[i] ?? []).map(key));
    const gold = new Set(line.spans.map(key));
    entry.gold += line.spans.length;
    entry.found += line.spans.filter((s) => predicted.has(key(s))).length;
    entry.extra += [...predicted].filter((k) => !gold.has(k)).length;
    byTemplate.set(line.template, entry);
  });
  const rows = [...byTemplate.entries()]
    .map(([id, e]) => ({ id, ...e, recall: e.gold === 0 ? 1 : e.found / e.gold }))
    .sort((a, b) => a.recall - b.recall || b.extra - a.extra);
  console.log(
    `  ${toolRun.tool.name}, generated corpus by template (strict recall, false positives):`,
  );
  for (const r of rows.filter((x) => x.recall < 1 || x.extra > 0).slice(0, 15)) {
    console.log(`    ${r.id.padEnd(22)} ${r.recall.toFixed(3)}  ${r.found}/${r.gold}  +${r.extra}`);
  }
}

function note(s: Scores, loose: Scores): string {
  return `${prf(s)}; overlap ${prf(loose)}; ${s.gold} gold, ${s.predicted} predicted`;
}

function corpusFigures(run: CorpusRun, targets: boolean): Figure[] {
  const out: Figure[] = [];
  for (const r of run.runs) {
    const name = r.tool.name;
    const isCore = name === 'core/phi';
    const o = r.report.strict.overall;
    const lo = r.report.overlap.overall;
    out.push(
      figure({
        engine: 'none',
        metric: `${run.label} recall (${name})`,
        value: o.recall ?? 0,
        unit: '',
        ...(targets && isCore ? { target: DEV_TARGETS.recall } : {}),
        note: `strict, all types: ${o.foundGold}/${o.gold} gold spans found`,
      }),
      figure({
        engine: 'none',
        metric: `${run.label} precision (${name})`,
        value: o.precision ?? 0,
        unit: '',
        ...(targets && isCore ? { target: DEV_TARGETS.precision } : {}),
        note: `strict, all types: ${o.truePredicted}/${o.predicted} predicted spans right`,
      }),
      figure({
        engine: 'none',
        metric: `${run.label} F1 (${name})`,
        value: o.f1,
        unit: '',
        note: `strict, all types; overlap ${prf(lo)}`,
      }),
      figure({
        engine: 'none',
        metric: `${run.label} F1 by overlap (${name})`,
        value: lo.f1,
        unit: '',
        note: `same type and any overlap counts: ${prf(lo)}`,
      }),
    );
    for (const type of PHI_TYPES) {
      const s = r.report.strict.byType[type];
      if (s.gold === 0 && s.predicted === 0) continue;
      out.push(
        figure({
          engine: 'none',
          metric: `${run.label} ${type} F1 (${name})`,
          value: s.f1,
          unit: '',
          note: note(s, r.report.overlap.byType[type]),
        }),
      );
    }
    const c = r.coverage;
    out.push(
      figure({
        engine: 'none',
        metric: `${run.label} PHI fully masked (${name})`,
        value: c.fullyMaskedShare,
        unit: '',
        note:
          `${c.fullyMasked}/${c.goldSpans} gold spans with every letter and digit masked, ` +
          `whatever the type; ${c.negativeLinesTouched}/${c.negativeLines} no-PHI lines masked`,
      }),
    );
  }
  const [core, baseline] = run.runs;
  if (core && baseline) {
    const margin = core.report.strict.overall.f1 - baseline.report.strict.overall.f1;
    const f = figure({
      engine: 'none',
      metric: `${run.label} F1 margin over redact-pii`,
      value: margin,
      unit: '',
      target: { op: '>=', value: 0 },
      note:
        `strict F1 ${core.report.strict.overall.f1.toFixed(3)} vs ` +
        `${baseline.report.strict.overall.f1.toFixed(3)}; must be above 0`,
    });
    f.pass = margin > 0;
    out.push(f);
  }
  return out;
}

/** Person-name recall on the generated corpus, faker names and held-out names apart. */
function nameFigures(lines: readonly GeneratedLine[], runs: ToolRun[]): Figure[] {
  const out: Figure[] = [];
  for (const origin of ['faker', 'heldout'] as const) {
    const gold = lines.map((l) =>
      l.spans.filter((s) => s.type === 'person_name' && s.origin === origin),
    );
    for (const r of runs) {
      const predicted = r.predicted.map((p) => p.filter((s) => s.type === 'person_name'));
      const rep = scoreSpans(gold, predicted);
      const s = rep.strict.overall;
      out.push(
        figure({
          engine: 'none',
          metric: `generated person_name recall, ${origin === 'faker' ? 'faker' : 'held-out'} names (${r.tool.name})`,
          value: s.recall ?? 0,
          unit: '',
          note: `strict ${s.foundGold}/${s.gold}; by overlap ${fmt(rep.overlap.overall.recall)}`,
        }),
      );
    }
  }
  // Honesty check: the held-out names should be unknown to the detector's lexicon.
  const words = lines.flatMap((l) =>
    l.spans
      .filter((s) => s.origin === 'heldout')
      .flatMap((s) => l.text.slice(s.start, s.end).split(/[ ,_]+/))
      .filter((w) => w.length > 2),
  );
  const known = words.filter((w) => subject.knowsName(w) || subject.knowsName(foldName(w)));
  out.push(
    figure({
      engine: 'none',
      metric: 'generated held-out name words in the lexicon',
      value: words.length === 0 ? 0 : known.length / words.length,
      unit: '',
      note: `${known.length}/${words.length} words of held-out names are in the default lexicon (should be 0)`,
    }),
  );
  return out;
}

async function run(): Promise<Figure[]> {
  const devPath = devCorpusPath();
  const dev = readCorpus(devPath);
  const generated = generateCorpus({ seed: SEED, lines: LINES });
  if (process.env.BENCH_PHI_DUMP)
    fs.writeFileSync(process.env.BENCH_PHI_DUMP, toJsonl(generated, true));
  const tools = [corePhiTool(), redactPiiTool()];
  const runs: CorpusRun[] = [
    { label: 'dev', lines: dev, runs: tools.map((t) => runTool(t, dev)) },
    { label: 'generated', lines: generated, runs: tools.map((t) => runTool(t, generated)) },
  ];
  const baseline = tools[1] as ReturnType<typeof redactPiiTool>;
  if (baseline.adapter.mismatches > 0) {
    console.log(`  redact-pii adapter: ${baseline.adapter.mismatches} lines not traced exactly`);
  }
  for (const r of runs) printTable(r);
  console.log('');
  for (const r of runs) printErrors(r, r.runs[0]!, 8);
  printTemplates(generated, runs[1]!.runs[0]!);
  const [devRun, genRun] = runs as [CorpusRun, CorpusRun];
  console.log(`  dev: ${devPath}; generated: seed ${SEED}, ${LINES} lines`);
  return [
    ...corpusFigures(devRun, true),
    ...corpusFigures(genRun, false),
    ...nameFigures(generated, genRun.runs),
  ];
}

export const phiQuality: Benchmark = {
  name: 'phi-quality',
  description: `PHI detection P/R/F1 per type, core/phi vs redact-pii, dev.jsonl + generated corpus (seed ${SEED}, ${LINES} lines)`,
  run,
};
