/**
 * Breach clocks: every obligation with its deadline (UTC and local), status and notice; the
 * notices logged; "Log a notice"; the assessment form; the signed "not reportable" decision.
 */

import type { DetailContext } from './detail-context.js';
import { field, form, h, panel, select, text } from './dom.js';
import {
  badge,
  fromNow,
  isoFromLocalInput,
  localInputValue,
  localTime,
  timeElement,
  utcTime,
} from './format.js';
import type { Assessment, Breach, Obligation } from './types.js';

const PANEL = 'breach';

export const PARTIES = [
  ['individuals', 'Affected individuals'],
  ['hhs', 'HHS (US Secretary)'],
  ['media', 'Media (US state)'],
  ['ipc', 'IPC (Ontario)'],
  ['opc', 'OPC (Canada)'],
  ['acquirer', 'Acquirer and payment brands'],
  ['other', 'Other organizations'],
] as const;
const partyText = (party: string): string => PARTIES.find(([p]) => p === party)?.[1] ?? party;

const STATUS_TEXT: Record<string, string> = {
  pending: 'Pending',
  due_soon: 'Due soon',
  overdue: 'Overdue',
  done: 'Done',
};

/** O. Reg. 329/04 s.6.3(1), in short. */
const CIRCUMSTANCES = [
  ['knowingly_unauthorized', 'Used or disclosed by someone who knew it was without authority'],
  ['stolen', 'Stolen'],
  ['further_use', 'Further used or disclosed after the first loss or misuse'],
  ['pattern', 'Part of a pattern of similar losses or misuse'],
  ['college_notice', 'A College must be notified about an employee or agent'],
  ['agent_college_notice', 'A College would be notified were the agent a member'],
  ['significant', 'Significant (sensitivity, volume, people or custodians involved)'],
] as const;

export function breachPanel(ctx: DetailContext): HTMLElement {
  const breach = ctx.incident.breach;
  const n = ctx.incident.number;
  const assessed = breach?.assessment ?? null;
  return panel(
    PANEL,
    'Breach clocks',
    breach && assessed
      ? summary(breach, assessed)
      : h(
          'p',
          {},
          'No breach assessment yet. The breach track opens when one is saved: with the form below, or ',
          h('code', {}, `breach ${n}`),
          ' in chat.',
        ),
    breach && assessed ? obligations(breach.obligations) : null,
    breach && breach.notifications.length > 0 ? notices(breach) : null,
    breach && assessed && ctx.canAct ? noticeForm(ctx, breach) : null,
    ctx.canAct ? assessmentForm(ctx, assessed) : null,
    breach && assessed && breach.obligations.length === 0 && !breach.decision && ctx.full
      ? decisionForm(ctx)
      : null,
  );
}

function summary(breach: Breach, a: Assessment): HTMLElement {
  const people = [
    a.usIndividuals ? `${a.usIndividuals} in the US` : null,
    a.ontarioIndividuals ? `${a.ontarioIndividuals} in Ontario` : null,
    a.canadaIndividuals ? `${a.canadaIndividuals} in Canada` : null,
  ].filter((p): p is string => p !== null);
  return h(
    'div',
    {},
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, 'Discovered'),
      h('dd', {}, timeElement(a.discoveredAt), ` (${utcTime(a.discoveredAt)})`),
      h('dt', {}, 'PHI involved'),
      h('dd', {}, a.phiInvolved ? 'Yes' : 'No'),
      h('dt', {}, 'People affected'),
      h('dd', {}, people.length ? people.join(', ') : 'None counted'),
      h('dt', {}, 'Track opened'),
      h('dd', {}, timeElement(breach.openedAt)),
    ),
    breach.decision
      ? h(
          'p',
          { class: 'closure' },
          `Not reportable, signed off by ${breach.decision.signedOffBy.name} `,
          timeElement(breach.decision.signedOffAt),
          `: ${breach.decision.reasoning}`,
        )
      : null,
  );
}

function obligations(list: Obligation[]): HTMLElement {
  if (list.length === 0) {
    return h('p', {}, 'No notice is owed under the current assessment.');
  }
  const overdue = list.filter((o) => o.status === 'overdue').length;
  const heads = ['Rule', 'Party', 'Recipient', 'Due', 'Status', 'Notified'];
  return h(
    'div',
    { class: 'scroll' },
    overdue > 0
      ? h(
          'p',
          { class: 'overdue-note' },
          `${overdue} ${overdue === 1 ? 'obligation is' : 'obligations are'} overdue.`,
        )
      : null,
    h(
      'table',
      { class: 'obligations' },
      h('caption', {}, 'Obligations and deadlines'),
      h('thead', {}, h('tr', {}, ...heads.map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, ...list.map(obligationRow)),
    ),
  );
}

function obligationRow(o: Obligation): HTMLTableRowElement {
  const status = `${STATUS_TEXT[o.status] ?? o.status}${o.status === 'done' && o.late ? ' (late)' : ''}`;
  return h(
    'tr',
    { class: `obligation-${o.status}`, 'data-obligation': o.id },
    h('td', {}, o.rule),
    h('td', {}, partyText(o.party), o.state ? ` (${o.state})` : ''),
    h(
      'td',
      {},
      o.recipient,
      h('details', { class: 'basis' }, h('summary', {}, 'Why'), h('p', {}, o.basis)),
    ),
    h('td', {}, ...dueCell(o)),
    h('td', {}, badge(status, o.status)),
    h('td', {}, timeElement(o.notifiedAt)),
  );
}

function dueCell(o: Obligation): (Node | string)[] {
  if (!o.dueAt) return ['Set by the payment brands’ rules'];
  return [
    h('time', { datetime: o.dueAt, class: 'due-utc' }, utcTime(o.dueAt)),
    h('br'),
    h('span', { class: 'due-local' }, localTime(o.dueAt)),
    o.status === 'done'
      ? ''
      : h(
          'span',
          { class: 'due-relative' },
          o.status === 'overdue'
            ? ` (overdue by ${fromNow(o.dueAt).replace(/ ago$/, '')})`
            : ` (${fromNow(o.dueAt)})`,
        ),
  ];
}

function notices(breach: Breach): HTMLElement {
  return h(
    'div',
    { class: 'subsection' },
    h('h4', {}, 'Notices logged'),
    h(
      'ul',
      { class: 'plain' },
      ...breach.notifications.map((notice) =>
        h(
          'li',
          {},
          `${partyText(notice.party)}${notice.state ? ` (${notice.state})` : ''}, `,
          timeElement(notice.at),
          notice.method ? `, by ${notice.method}` : '',
          `; logged by ${notice.by}.`,
        ),
      ),
    ),
  );
}

function noticeForm(ctx: DetailContext, breach: Breach): HTMLElement {
  const open = breach.obligations.find((o) => o.status !== 'done' && o.dueAt !== null);
  return h(
    'div',
    { class: 'subsection' },
    h('h4', {}, 'Log a notice'),
    form(
      { class: 'stacked', 'aria-label': 'Log a notice' },
      (data, node) => {
        const at = text(data, 'at');
        const iso = isoFromLocalInput(at);
        const state = text(data, 'state');
        void ctx.act(
          'breach.notified',
          {
            party: text(data, 'party'),
            ...(at ? { at: iso ?? at } : {}),
            ...(text(data, 'method') ? { method: text(data, 'method') } : {}),
            ...(state ? { state } : {}),
          },
          { done: 'Notice logged.', panel: PANEL, control: node },
        );
      },
      field('Told', select('party', PARTIES, open?.party ?? 'individuals')),
      field(
        'State',
        h('input', { name: 'state', type: 'text', maxlength: 2, size: 3, autocomplete: 'off' }),
        'Media notices only: the US state whose media were told, e.g. CA.',
      ),
      field(
        'Sent at',
        h('input', { name: 'at', type: 'datetime-local' }),
        'Your local time. Leave empty for now.',
      ),
      field(
        'How',
        h('input', { name: 'method', type: 'text', maxlength: 200 }),
        'e.g. first-class mail, IPC online form',
      ),
      h('button', { type: 'submit' }, 'Log notice'),
    ),
  );
}

function assessmentForm(ctx: DetailContext, a: Assessment | null): HTMLElement {
  const count = (name: keyof Assessment, label: string, hint?: string) =>
    field(
      label,
      h('input', {
        name,
        type: 'number',
        min: 0,
        step: 1,
        required: true,
        value: a ? String(a[name]) : '0',
      }),
      hint,
    );
  const yes = (name: keyof Assessment, label: string, checked: boolean) =>
    h(
      'label',
      { class: 'check-field' },
      h('input', { name, type: 'checkbox', checked }),
      ` ${label}`,
    );
  const states = a
    ? Object.entries(a.usByState)
        .map(([code, n]) => `${code} ${n}`)
        .join(', ')
    : '';
  return h(
    'details',
    { class: 'subsection assessment', open: !a },
    h('summary', {}, a ? 'Update the breach assessment' : 'Save a breach assessment'),
    form(
      { class: 'stacked', 'aria-label': 'Breach assessment' },
      (data, node) => {
        const discovered = text(data, 'discoveredAt');
        void ctx.act(
          'breach.assess',
          {
            discoveredAt: isoFromLocalInput(discovered) ?? discovered,
            phiInvolved: data.get('phiInvolved') === 'on',
            usIndividuals: text(data, 'usIndividuals'),
            usByState: text(data, 'usByState'),
            ontarioIndividuals: text(data, 'ontarioIndividuals'),
            canadaIndividuals: text(data, 'canadaIndividuals'),
            hipaaLowProbability: data.get('hipaaLowProbability') === 'on',
            phipaCircumstances: data.getAll('phipaCircumstances').map(String),
            pipedaRealRisk: data.get('pipedaRealRisk') === 'on',
            cardholderData: data.get('cardholderData') === 'on',
            notes: text(data, 'notes'),
          },
          { done: 'Breach assessment saved; the clocks are updated.', panel: PANEL, control: node },
        );
      },
      field(
        'Discovered at',
        h('input', {
          name: 'discoveredAt',
          type: 'datetime-local',
          required: true,
          value: localInputValue(a?.discoveredAt ?? null),
        }),
        'Your local time: when the breach was known (or would have been, with reasonable diligence).',
      ),
      yes('phiInvolved', 'PHI or personal information is involved', a?.phiInvolved ?? true),
      count('usIndividuals', 'US individuals affected'),
      field(
        'US individuals by state',
        h('input', { name: 'usByState', type: 'text', value: states }),
        'e.g. CA 120, NY 8 (decides media notices under 164.406)',
      ),
      count('ontarioIndividuals', 'Ontario individuals affected'),
      count('canadaIndividuals', 'Canadian individuals affected', 'Ontario residents included.'),
      yes(
        'hipaaLowProbability',
        'The HIPAA four-factor assessment shows a low probability of compromise',
        a?.hipaaLowProbability ?? false,
      ),
      h(
        'fieldset',
        {},
        h('legend', {}, 'PHIPA: circumstances that call for the IPC (O. Reg. 329/04 s.6.3)'),
        ...CIRCUMSTANCES.map(([value, label]) =>
          h(
            'label',
            { class: 'check-field' },
            h('input', {
              name: 'phipaCircumstances',
              type: 'checkbox',
              value,
              checked: a?.phipaCircumstances.includes(value) ?? false,
            }),
            ` ${label}`,
          ),
        ),
      ),
      yes('pipedaRealRisk', 'PIPEDA: real risk of significant harm', a?.pipedaRealRisk ?? false),
      yes('cardholderData', 'Cardholder data is involved (PCI DSS)', a?.cardholderData ?? false),
      field('Notes', h('textarea', { name: 'notes', rows: 3, maxlength: 10000 }, a?.notes ?? '')),
      h('button', { type: 'submit' }, 'Save assessment'),
    ),
  );
}

function decisionForm(ctx: DetailContext): HTMLElement {
  return h(
    'div',
    { class: 'subsection' },
    h('h4', {}, 'Not reportable'),
    h(
      'p',
      { class: 'hint' },
      'Nothing is owed under this assessment. Sign off the decision with your reasoning (the four-factor assessment for US individuals).',
    ),
    form(
      { class: 'stacked', 'aria-label': 'Not reportable decision' },
      (data, node) =>
        void ctx.act(
          'breach.assess',
          { decision: 'not_reportable', reasoning: text(data, 'reasoning') },
          { done: 'Decision recorded.', panel: PANEL, control: node },
        ),
      field(
        'Reasoning',
        h('textarea', { name: 'reasoning', rows: 3, minlength: 20, required: true }),
      ),
      h('button', { type: 'submit' }, 'Sign off: not reportable'),
    ),
  );
}
