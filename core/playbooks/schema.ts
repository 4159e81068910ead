import { z } from 'zod';
import { RESPONSE_PHASES, type ResponsePhase } from './phases.js';

/** The analysis task that decides whether PHI or personal information is involved. */
export const BREACH_DECISION_TASK = 'assess-phi-involvement';
/** The lessons-learned task recording that the post-incident review was held. */
export const POST_INCIDENT_REVIEW_TASK = 'post-incident-review';
/** The lessons-learned task that reviews this playbook (PCI DSS 12.10.2 wants a yearly review). */
export const PLAYBOOK_REVIEW_TASK = 'update-playbook';

/** Tasks every playbook must have, where, and why: the breach track and compliance rely on them. */
export const WELL_KNOWN_TASKS: readonly { id: string; phase: ResponsePhase; why: string }[] = [
  {
    id: BREACH_DECISION_TASK,
    phase: 'analysis',
    why: 'it decides whether PHI or personal information is involved, which opens the breach track',
  },
  {
    id: POST_INCIDENT_REVIEW_TASK,
    phase: 'lessons_learned',
    why: 'every incident ends with a post-incident review',
  },
  {
    id: PLAYBOOK_REVIEW_TASK,
    phase: 'lessons_learned',
    why: 'playbooks are reviewed after incidents and at least yearly (PCI DSS 12.10.2)',
  },
];

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const kebab = z
  .string()
  .regex(KEBAB, 'must be kebab-case: lowercase letters and digits joined by single hyphens');

function text(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);
}

const taskSchema = z.strictObject({
  id: kebab,
  title: text(80),
  required: z.boolean(),
  /** One or two sentences: where to click or what to run, in Microsoft 365 / Azure terms. */
  guidance: text(400).optional(),
  /** A documentation link (Microsoft Learn) backing the guidance. */
  evidence: z
    .url({ protocol: /^https$/, error: 'must be an https:// link' })
    .max(300, 'must be at most 300 characters')
    .optional(),
});

const tasks = z.array(taskSchema).min(1, 'a phase needs at least one task');

const hints = z.array(text(100)).default([]);

/** Hints that choose a playbook for an incident; each list is matched without regard to case. */
const matchesSchema = z.strictObject({
  /** Sentinel tactics (`InitialAccess`, `Impact`…). */
  tactics: hints,
  /** Words or phrases of the incident title, matched as whole words; a trailing `*` is a prefix. */
  titleKeywords: hints,
  /** Alert product names (`Microsoft Defender for Endpoint`…). */
  alertProducts: hints,
  /** Entity kinds (`Account`, `Host`, `MailMessage`…). */
  entityKinds: hints,
  /** Sentinel incident labels (`LostDevice`…). */
  labels: hints,
});

const phasesSchema = z.strictObject({
  detection: tasks,
  analysis: tasks,
  containment: tasks,
  eradication: tasks,
  recovery: tasks,
  lessons_learned: tasks,
} satisfies Record<ResponsePhase, typeof tasks>);

/** A response playbook as data (SPEC §4): one file each under `library/`. */
export const playbookSchema = z
  .strictObject({
    id: kebab,
    title: text(80),
    description: text(600),
    /** Bumped whenever tasks change, so a running response can tell it was started on another. */
    version: z.number().int().positive(),
    /** The date the playbook was last reviewed (YYYY-MM-DD), for PCI DSS 12.10.2's yearly review. */
    reviewedAt: z.iso.date({ error: 'must be a date (YYYY-MM-DD)' }),
    matches: matchesSchema.prefault({}),
    phases: phasesSchema,
  })
  .superRefine((playbook, ctx) => {
    const seen = new Map<string, string>();
    for (const phase of RESPONSE_PHASES) {
      playbook.phases[phase].forEach((task, index) => {
        const where = `phases.${phase}[${index}]`;
        const first = seen.get(task.id);
        if (first !== undefined) {
          ctx.issues.push({
            code: 'custom',
            message: `duplicate task id "${task.id}" (first used at ${first})`,
            path: ['phases', phase, index, 'id'],
            input: task.id,
          });
        } else seen.set(task.id, where);
      });
    }
    for (const known of WELL_KNOWN_TASKS) {
      const task = playbook.phases[known.phase].find((candidate) => candidate.id === known.id);
      if (!task || !task.required) {
        ctx.issues.push({
          code: 'custom',
          message: `needs a required task "${known.id}": ${known.why}`,
          path: ['phases', known.phase],
          input: playbook.phases[known.phase],
        });
      }
    }
  });

/** What a playbook file holds (defaults not yet applied). */
export type PlaybookDefinition = z.input<typeof playbookSchema>;
/** A validated playbook. */
export type Playbook = z.output<typeof playbookSchema>;
/** One task of a playbook phase. */
export type PlaybookTask = z.output<typeof taskSchema>;
/** A playbook's hints for choosing it. */
export type PlaybookMatches = z.output<typeof matchesSchema>;
