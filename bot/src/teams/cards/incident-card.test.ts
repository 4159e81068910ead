import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseTrigger } from '../../../../core/incidents/index.js';
import { PhiGuard } from '../../phi/guard.js';
import { packageRoot } from '../../paths.js';
import {
  blankAssessment,
  breachObligations,
  openBreach,
  US_STATE_CODES,
  withAssessment,
} from '../../../../core/breach/index.js';
import {
  BREACH_DECISION_TASK,
  close,
  completeTask,
  MAX_NOTE_LENGTH,
  PLAYBOOKS,
  RESPONSE_PHASES,
  type ResponseState,
  view,
} from '../../../../core/playbooks/index.js';
import { type CardAction, MAX_CARD_BYTES } from './adaptive-card.js';
import { MAX_CARD_ACTIONS } from './card-actions.js';
import { incidentCard } from './incident-card.js';
import { type BreachSummary } from './response-section.js';
import {
  at,
  dana,
  executes,
  ok,
  playbookOf,
  reach,
  sam,
  shown,
  SPEC_VERBS,
  texts,
} from './test-support.js';

const FIXTURES = path.join(packageRoot(), 'samples', 'sentinel');
const incidentOf = (file: string) => {
  const parsed = parseTrigger(JSON.parse(fs.readFileSync(path.join(FIXTURES, file), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.event.incident;
};

describe('incident card', () => {
  it('shows number, severity, status, class, owner, tactics and a link, in Adaptive Card 1.5', () => {
    const incident = incidentOf('08-update-account-compromise-active.json');
    const built = incidentCard({
      incident,
      dataClass: 'clinical',
      escalated: false,
      acknowledgedBy: null,
    });
    const json = JSON.stringify(built);
    expect(built.version).toBe('1.5');
    expect(json).toContain(`#${incident.number} · High · Active`);
    expect(json).toContain('"style":"attention"');
    expect(json).toContain('clinical');
    expect(built.actions?.map((a) => a.verb ?? a.type)).toEqual([
      'incident.ack',
      'incident.assign',
      'incident.details',
      'Action.OpenUrl',
    ]);
    expect(built.actions?.[0]?.data).toEqual({ incident: incident.number });
    expect(built.actions?.[3]?.url).toBe(incident.url);
    expect(Buffer.byteLength(json)).toBeLessThan(MAX_CARD_BYTES);
  });

  it('carries an ESCALATED badge when escalated', () => {
    const incident = incidentOf('06-lost-laptop.json');
    const json = JSON.stringify(
      incidentCard({ incident, dataClass: 'unclassified', escalated: true, acknowledgedBy: null }),
    );
    expect(json).toContain('ESCALATED');
  });

  it('holds no health card number once masked for a shared conversation', () => {
    const incident = incidentOf('04-purview-dlp-health-card-shared.json');
    const built = incidentCard({
      incident,
      dataClass: 'clinical',
      escalated: false,
      acknowledgedBy: null,
    });
    const masked = PhiGuard.create().redactJson(built);
    const guard = PhiGuard.create();
    const shown = JSON.stringify(masked);
    expect(shown).not.toEqual(JSON.stringify(built));
    expect(
      guard
        .spans(shown.replace(/https?:\/\/\S+?"/g, '"'))
        .filter((s) => s.type === 'ontario_health_card'),
    ).toEqual([]);
  });
});

describe('incident card with its response', () => {
  const incident = incidentOf('08-update-account-compromise-active.json');
  const base = { incident, dataClass: 'clinical' as const, escalated: false, acknowledgedBy: null };
  const playbook = playbookOf('account-compromise');
  const withResponse = (state: ResponseState, breach: BreachSummary | null = null) =>
    incidentCard({
      ...base,
      response: {
        incidentNumber: incident.number,
        view: view(state, playbook),
        breach,
        now: at(600),
      },
    });

  /** Every list of actions Teams would lay out, the card's own and each show card's. */
  const actionRows = (card: { actions?: CardAction[] }): CardAction[][] => [
    card.actions ?? [],
    ...(card.actions ?? []).flatMap((a) =>
      a.type === 'Action.ShowCard' ? actionRows(a.card) : [],
    ),
  ];

  it('is the same card as before when there is no response', () => {
    expect(JSON.stringify(incidentCard({ ...base, response: null }))).toBe(
      JSON.stringify(incidentCard(base)),
    );
  });

  it('adds the response below the facts and keeps Acknowledge, Assign and Details first', () => {
    const analysis = ok(
      completeTask(reach(playbook, 'analysis'), playbook, BREACH_DECISION_TASK, sam, at(40)),
    );
    const built = withResponse(analysis, {
      obligations: [],
      notReportable: false,
      assessed: false,
    });
    const facts = built.body.findIndex((e) => e.type === 'FactSet');
    expect(texts({ body: built.body.slice(facts + 1) })).toContain('Phase: Analysis');
    expect(built.actions?.map((a) => a.title)).toEqual([
      'Acknowledge',
      'Assign to me',
      'Details',
      'Mark a task done',
      'Override gate (full access)',
      'More actions',
    ]);
    expect(shown(built, 'More actions').actions?.map((a) => a.title)).toEqual([
      'Breach assessment',
      'Close as false or benign positive',
      'Add a note',
      'Open in Sentinel',
    ]);
    const verbs = executes(built).map((a) => a.verb);
    for (const verb of [
      'playbook.done',
      'playbook.advance',
      'breach.assess',
      'incident.close',
      'incident.note',
    ])
      expect(verbs).toContain(verb);
    for (const action of executes(built)) {
      expect(SPEC_VERBS).toContain(action.verb);
      expect(action.data.incident).toBe(incident.number);
    }
  });

  it('keeps only Details, a note and the Sentinel link once the response is closed', () => {
    const closed = ok(
      close(reach(playbook, 'containment'), playbook, dana, at(90), {
        classification: 'BenignPositive',
      }),
    );
    const built = withResponse(closed);
    expect(built.actions?.map((a) => a.title)).toEqual([
      'Details',
      'Add a note',
      'Open in Sentinel',
    ]);
    expect(texts(built).join('\n')).toContain('Closed as BenignPositive by Dana Owner');
  });

  it('stays under the size and action limits in every phase of every playbook, with a 56-state breach', () => {
    const byState = Object.fromEntries(US_STATE_CODES.map((code) => [code, 600]));
    const assessment = {
      ...blankAssessment(at(0)),
      usIndividuals: 600 * US_STATE_CODES.length,
      usByState: byState,
      ontarioIndividuals: 90,
      canadaIndividuals: 100,
      phipaCircumstances: ['stolen' as const],
      pipedaRealRisk: true,
      cardholderData: true,
    };
    const record = withAssessment(openBreach(dana, at(0)), assessment, dana, at(5));
    const breach = {
      obligations: breachObligations(record, at(600)),
      notReportable: false,
      assessed: true,
    };
    const note = 'n'.repeat(MAX_NOTE_LENGTH);
    let largest = 0;
    for (const id of Object.keys(PLAYBOOKS)) {
      const pb = playbookOf(id);
      for (const phase of RESPONSE_PHASES) {
        const state = reach(pb, phase, { all: true, note });
        const built = incidentCard({
          ...base,
          response: {
            incidentNumber: incident.number,
            view: view(state, pb),
            breach,
            now: at(600),
          },
        });
        largest = Math.max(largest, Buffer.byteLength(JSON.stringify(built)));
        for (const row of actionRows(built))
          expect(row.length).toBeLessThanOrEqual(MAX_CARD_ACTIONS);
      }
    }
    expect(largest).toBeLessThan(MAX_CARD_BYTES);
  });
});
