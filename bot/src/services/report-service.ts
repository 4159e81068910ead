import { usStateCode } from '../../../core/breach/index.js';
import { CockpitError } from '../../../core/errors/index.js';
import { timings } from '../../../core/playbooks/index.js';
import {
  breachReport,
  type IncidentRecord,
  LETTER_KINDS,
  type LetterKind,
  lettersFor,
  notificationLetter,
  postIncidentReport,
} from '../../../core/reports/index.js';
import { markdownToPdf } from '../reports/pdf.js';
import type { AccessService } from './access-service.js';
import type { Clock } from './audit-trail.js';
import type { RequestContext } from './context.js';
import type { IncidentActions } from './incident-actions.js';
import type { IncidentDetail, ResponseService } from './response-service.js';
import { target } from './response-service.js';

export const REPORT_KINDS = ['breach', 'post-incident'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export type DocumentFormat = 'md' | 'pdf';

/** A document ready to download. */
export interface IncidentDocument {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/**
 * The incident's documents (SPEC §4): the breach report, the post-incident report and the draft
 * notification letters, as Markdown or PDF, built from the stored record. Exporting is a `full`
 * permission on the incident's class (SPEC §1), and every export is audited.
 */
export class ReportService {
  constructor(
    private readonly deps: {
      response: ResponseService;
      actions: IncidentActions;
      access: AccessService;
      clock: Clock;
      practice: { name: string; privacyContact: string | null };
    },
  ) {}

  async report(
    ctx: RequestContext,
    n: number,
    kind: string,
    format: string,
  ): Promise<IncidentDocument> {
    const which = oneOf(REPORT_KINDS, kind, 'report');
    const as = oneOf(['md', 'pdf'] as const, format, 'format');
    const record = await this.record(ctx, n, `report.${which}`, { format: as });
    const markdown = which === 'breach' ? breachReport(record) : postIncidentReport(record);
    const title = `Incident #${n} — ${which === 'breach' ? 'breach report' : 'post-incident report'}`;
    return this.render(markdown, title, `incident-${n}-${which}-report`, as);
  }

  /** The letters the incident's obligations call for (kind, state, title). */
  async letters(ctx: RequestContext, n: number) {
    const record = await this.record(ctx, n, 'letters.list', {});
    return lettersFor(record).map(({ kind, state, title, obligation }) => ({
      kind,
      state,
      title,
      rule: obligation.rule,
      dueAt: obligation.dueAt,
      status: obligation.status,
    }));
  }

  async letter(
    ctx: RequestContext,
    n: number,
    kind: string,
    stateText: string | null,
    format: string,
  ): Promise<IncidentDocument> {
    const which = oneOf(LETTER_KINDS, kind, 'letter');
    const as = oneOf(['md', 'pdf'] as const, format, 'format');
    const state = stateText ? usStateCode(stateText) : null;
    if (stateText && !state) {
      throw new CockpitError('bad_request', `"${stateText}" is not a US state or territory code.`);
    }
    const record = await this.record(ctx, n, `letter.${which}`, { format: as, state });
    const letter = notificationLetter(record, which as LetterKind, state);
    const suffix = state ? `-${state.toLowerCase()}` : '';
    return this.render(letter.markdown, letter.title, `incident-${n}-${which}${suffix}-draft`, as);
  }

  private async record(
    ctx: RequestContext,
    n: number,
    what: string,
    details: Record<string, string | null>,
  ): Promise<IncidentRecord> {
    await this.deps.actions.actOn(ctx, n, 'export');
    const detail = await this.deps.response.detail(ctx, n);
    await this.deps.access.record(
      ctx,
      'incident.export',
      target(n),
      'allowed',
      detail.stored.dataClass,
      {
        document: what,
        ...details,
      },
    );
    return recordOf(detail, this.deps.practice, this.deps.clock().toISOString());
  }

  private async render(
    markdown: string,
    title: string,
    base: string,
    format: DocumentFormat,
  ): Promise<IncidentDocument> {
    if (format === 'md') {
      return {
        fileName: `${base}.md`,
        contentType: 'text/markdown; charset=utf-8',
        body: Buffer.from(markdown, 'utf8'),
      };
    }
    const pdf = await markdownToPdf(markdown, {
      title,
      author: this.deps.practice.name,
      subject: 'Life Cockpit Security',
      createdAt: this.deps.clock(),
    });
    return { fileName: `${base}.pdf`, contentType: 'application/pdf', body: Buffer.from(pdf) };
  }
}

/** The documents' input, gathered from the stored incident and its response. */
export function recordOf(
  detail: IncidentDetail,
  practice: IncidentRecord['practice'],
  generatedAt: string,
): IncidentRecord {
  const { stored, response, playbook } = detail;
  const i = stored.incident;
  const closure = response.state?.closure ?? null;
  return {
    practice,
    incident: {
      number: i.number,
      title: i.title,
      severity: i.severity,
      status: i.status,
      classification: closure?.classification ?? i.classification,
      classificationReason: closure ? closure.reason : i.classificationReason,
      url: i.url,
      createdAt: i.createdAt,
      owner: i.owner?.assignedTo ?? i.owner?.userPrincipalName ?? null,
      tactics: i.tactics,
      alertProducts: i.alertProducts,
    },
    dataClass: stored.dataClass,
    firstReceivedAt: stored.firstReceivedAt,
    acknowledgedAt: stored.acknowledgedAt,
    acknowledgedBy: stored.acknowledgedBy,
    response: response.state,
    playbook,
    timings: response.state
      ? timings(
          response.state,
          { firstReceivedAt: stored.firstReceivedAt, acknowledgedAt: stored.acknowledgedAt },
          generatedAt,
        )
      : null,
    breach: response.breach,
    obligations: detail.obligations,
    generatedAt,
  };
}

function oneOf<T extends string>(values: readonly T[], given: string, what: string): T {
  const found = values.find((v) => v === given.toLowerCase());
  if (!found) {
    throw new CockpitError('bad_request', `"${given}" is not a ${what}; use ${values.join(', ')}.`);
  }
  return found;
}
