import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normaliseRow } from './row.js';
import { parseTrigger } from './trigger.js';

const FIXTURE = fileURLToPath(
  new URL('../../samples/sentinel/01-account-compromise-impossible-travel.json', import.meta.url),
);

type Json = Record<string, unknown>;

const body = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Json;
const object = body.object as Json;
const props = object.properties as Json;

/** The SecurityIncident row Log Analytics holds for fixture 01, dynamic columns as JSON text. */
function rowOf01(overrides: Json = {}): Json {
  return {
    TenantId: body.workspaceId,
    TimeGenerated: '2026-11-20T13:42:15.0000000Z',
    IncidentName: object.name,
    IncidentNumber: props.incidentNumber,
    Title: props.title,
    Description: props.description,
    Severity: props.severity,
    Status: props.status,
    Classification: '',
    ClassificationReason: '',
    Owner: JSON.stringify(props.owner),
    Labels: JSON.stringify(props.labels),
    AdditionalData: JSON.stringify(props.additionalData),
    IncidentUrl: props.incidentUrl,
    ProviderName: props.providerName,
    FirstActivityTime: '2026-11-20T13:36:10.5170000Z',
    LastActivityTime: '2026-11-20T13:42:10.5170000Z',
    LastModifiedTime: '2026-11-20T13:42:10.5170000Z',
    CreatedTime: '2026-11-20T13:42:10.5170000Z',
    ...overrides,
  };
}

function trigger01() {
  const result = parseTrigger(body);
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.event;
}

describe('normaliseRow', () => {
  it('reads the row of fixture 01 as the trigger reads the push', () => {
    const fromRow = normaliseRow(rowOf01());
    const fromPush = trigger01().incident;
    expect(fromRow).not.toBeNull();
    // Rows carry no entities or etag; everything else agrees, so the idempotency key does too.
    expect(fromRow).toEqual({ ...fromPush, entities: [], etag: null });
    expect(`${fromRow?.armId}|${fromRow?.lastModifiedAt}`).toBe(trigger01().versionKey);
  });

  it('reads dynamic columns given as parsed values and times given as Dates', () => {
    const row = normaliseRow(
      rowOf01({
        Owner: {
          objectId: 'a1',
          email: 'a@x.example',
          assignedTo: 'A',
          userPrincipalName: 'a@x.example',
        },
        Labels: [{ labelName: 'DataClass:Business', labelType: 'User' }],
        AdditionalData: { alertsCount: 0, tactics: ['Impact'] },
        LastModifiedTime: new Date('2026-11-20T14:00:00Z'),
        Status: 'Closed',
        Classification: 'TruePositive',
        ClassificationReason: 'SuspiciousActivity',
      }),
    );
    expect(row).toMatchObject({
      owner: { objectId: 'a1', email: 'a@x.example', assignedTo: 'A' },
      labels: ['DataClass:Business'],
      alertsCount: 0,
      tactics: ['Impact'],
      alertProducts: [],
      lastModifiedAt: '2026-11-20T14:00:00.000Z',
      status: 'Closed',
      classification: 'TruePositive',
      classificationReason: 'SuspiciousActivity',
    });
  });

  it('returns null when a required column is missing or wrong', () => {
    expect(normaliseRow(rowOf01({ IncidentName: undefined }))).toBeNull();
    expect(normaliseRow(rowOf01({ IncidentNumber: 0 }))).toBeNull();
    expect(normaliseRow(rowOf01({ Title: ' ' }))).toBeNull();
    expect(normaliseRow(rowOf01({ Severity: 'Critical' }))).toBeNull();
  });

  it('reads malformed optional columns as missing', () => {
    const row = normaliseRow(
      rowOf01({
        Owner: '{not json',
        Labels: 'nope',
        AdditionalData: 42,
        Status: '',
        IncidentUrl: null,
      }),
    );
    expect(row).toMatchObject({
      owner: null,
      labels: [],
      tactics: [],
      alertsCount: null,
      status: 'New',
      armId: null,
      url: null,
      workspace: { id: '4b9e1c72-8d3a-4f65-b0e2-6a1d9c3f7e58', subscriptionId: null },
    });
  });
});
