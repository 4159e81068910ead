import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseTrigger, type TriggerEvent } from './trigger.js';

const DIR = fileURLToPath(new URL('../../samples/sentinel/', import.meta.url));
const FILES = readdirSync(DIR)
  .filter((file) => file.endsWith('.json'))
  .sort();

function fixture(prefix: string): Record<string, unknown> {
  const file = FILES.find((name) => name.startsWith(prefix));
  if (!file) throw new Error(`no fixture ${prefix}`);
  return JSON.parse(readFileSync(DIR + file, 'utf8')) as Record<string, unknown>;
}

function parsed(body: unknown): TriggerEvent {
  const result = parseTrigger(body);
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.event;
}

function problems(body: unknown): string[] {
  const result = parseTrigger(body);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

/** Every key at every level rewritten by `rename`, as other Logic App connectors spell them. */
function renameKeys(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => renameKeys(item, rename));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [rename(key), renameKeys(inner, rename)]),
  );
}

/** A minimal valid body, for the problem cases. */
function minimal(properties: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    object: {
      name: '0d6f1b7a-1111-4222-8333-944455556666',
      properties: {
        title: 'Suspicious sign-in',
        severity: 'Low',
        incidentNumber: 7,
        ...properties,
      },
    },
  };
}

describe('parseTrigger on the Sentinel fixtures', () => {
  const expected: [string, number, string, string, string[], string[]][] = [
    ['01', 1001, 'High', 'New', ['DataClass:Clinical'], ['InitialAccess', 'CredentialAccess']],
    ['02', 1002, 'Medium', 'New', ['DataClass:Business'], ['InitialAccess']],
    ['03', 1003, 'High', 'New', ['DataClass:Clinical'], ['Impact', 'DefenseEvasion']],
    ['04', 1004, 'Medium', 'New', ['DataClass:Clinical', 'Purview'], ['Exfiltration']],
    ['05', 1005, 'High', 'New', ['DataClass:Business'], ['CredentialAccess']],
    ['06', 1006, 'Low', 'New', ['LostDevice'], []],
    ['07', 1007, 'Informational', 'New', [], ['InitialAccess']],
    ['08', 1001, 'High', 'Active', ['DataClass:Clinical'], ['InitialAccess', 'CredentialAccess']],
  ];

  it('has all eight fixtures', () => {
    expect(FILES).toHaveLength(8);
  });

  it.each(expected)('fixture %s parses', (prefix, number, severity, status, labels, tactics) => {
    const { incident, eventUniqueId } = parsed(fixture(prefix));
    expect(incident).toMatchObject({ number, severity, status, labels, tactics });
    expect(incident.name).toMatch(/^[0-9a-f-]{36}$/);
    expect(incident.armId).toMatch(/\/Incidents\/[0-9a-f-]{36}$/);
    expect(incident.title.length).toBeGreaterThan(0);
    expect(eventUniqueId).toMatch(/^[0-9a-f-]{36}$/);
    expect(incident.workspace).toEqual({
      id: '4b9e1c72-8d3a-4f65-b0e2-6a1d9c3f7e58',
      subscriptionId: '7f3c2a91-5b6e-4d2f-9a8c-1e0b4d6f2a37',
      resourceGroup: 'rg-lcs-security-cc',
      name: 'law-lcs-sentinel-cc',
    });
  });

  it('reads fixture 01 in full: entities, products, times, unassigned owner', () => {
    const event = parsed(fixture('01'));
    expect(event.eventType).toBe('Create');
    expect(event.incident).toMatchObject({
      name: '3f6b1c2e-7a41-4d8e-9c35-0b2e8f4a6d17',
      title: 'Impossible travel activity involving one user',
      owner: null,
      alertsCount: 2,
      alertProducts: ['Microsoft Entra ID Protection', 'Azure Sentinel'],
      techniques: ['T1078', 'T1110'],
      createdAt: '2026-11-20T13:42:10.517Z',
      lastModifiedAt: '2026-11-20T13:42:10.517Z',
      providerName: 'Azure Sentinel',
      etag: '"3f44ad48-0000-0d00-0000-d4b898980542"',
    });
    expect(event.incident.entities).toEqual([
      { kind: 'Account', name: 'nora.pelletier@northwindmed.example' },
      { kind: 'Ip', name: '198.51.100.77' },
      { kind: 'Ip', name: '203.0.113.14' },
    ]);
  });

  it('names every kind of entity the fixtures hold', () => {
    expect(parsed(fixture('02')).incident.entities).toEqual([
      { kind: 'Mailbox', name: 'grace.abernathy@northwindmed.example' },
      { kind: 'Mailbox', name: 'frontdesk@northwindmed.example' },
      { kind: 'MailMessage', name: 'Overdue invoice #88231 – action required' },
      { kind: 'Url', name: 'https://medbill-payments.example/login?session=8f3a' },
      { kind: 'Ip', name: '198.51.100.23' },
    ]);
    expect(parsed(fixture('03')).incident.entities.map((e) => `${e.kind}:${e.name}`)).toEqual([
      'Host:EHR-SRV01',
      'Account:svc-ehr-sync@northwindmed.example',
      'FileHash:9f2c1b7e4a8d3c6f0e5b2a1d9c8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e',
      'File:README-RESTORE.txt',
      'Ip:10.20.1.15',
    ]);
  });

  it('reads the update of fixture 08: Active, with its owner', () => {
    const event = parsed(fixture('08'));
    expect(event.eventType).toBe('Update');
    expect(event.incident.owner).toEqual({
      objectId: 'a11ce000-0000-4000-8000-000000000001',
      email: 'avery.lindqvist@northwindmed.example',
      assignedTo: 'Dr. Avery Lindqvist',
      userPrincipalName: 'avery.lindqvist@northwindmed.example',
    });
    // same incident as 01, a later version: same name, different version key
    const created = parsed(fixture('01'));
    expect(event.incident.name).toBe(created.incident.name);
    expect(event.versionKey).not.toBe(created.versionKey);
  });
});

describe('parseTrigger matches keys without regard to case', () => {
  const pascal = (key: string): string => key.charAt(0).toUpperCase() + key.slice(1);

  it.each(FILES.map((file) => file.slice(0, 2)))(
    'fixture %s in PascalCase parses the same',
    (p) => {
      expect(parsed(renameKeys(fixture(p), pascal))).toEqual(parsed(fixture(p)));
    },
  );

  it('reads Object.Properties.IncidentNumber, Alerts and upper-case enums', () => {
    const body = minimal();
    const lower = parsed(body);
    const variant = {
      OBJECT: {
        Name: '0d6f1b7a-1111-4222-8333-944455556666',
        Properties: {
          Title: 'Suspicious sign-in',
          SEVERITY: 'LOW',
          IncidentNumber: '7',
          Status: 'active',
          Alerts: [{ Properties: { ProductName: 'Microsoft Defender for Endpoint' } }],
        },
      },
      ObjectEventType: 'UPDATE',
    };
    const event = parsed(variant);
    expect(event.incident).toEqual({
      ...lower.incident,
      status: 'Active',
      alertProducts: ['Microsoft Defender for Endpoint'],
    });
    expect(event.eventType).toBe('Update');
  });
});

describe('parseTrigger reports what is wrong', () => {
  it('names each path, several at once', () => {
    const body = minimal({ title: undefined, severity: 'Critical', incidentNumber: -3 });
    expect(problems(body)).toEqual([
      'object.properties.title: is required',
      'object.properties.severity: must be High, Medium, Low or Informational',
      'object.properties.incidentNumber: must be a positive integer',
    ]);
  });

  it('reports present fields of the wrong type', () => {
    const body = minimal({
      title: '   ',
      labels: [{ labelName: 5 }],
      owner: 'avery',
      status: 'Open',
      additionalData: { alertsCount: 'two', tactics: 'Impact' },
      lastModifiedTimeUtc: 'yesterday',
      relatedEntities: {},
    });
    expect(problems(body)).toEqual([
      'object.properties.title: must not be empty',
      'object.properties.status: must be New, Active or Closed',
      'object.properties.owner: must be an object',
      'object.properties.labels[0].labelName: must be a string',
      'object.properties.lastModifiedTimeUtc: must be an ISO-8601 date-time',
      'object.properties.additionalData.alertsCount: must be a number',
      'object.properties.additionalData.tactics: must be an array',
      'object.properties.relatedEntities: must be an array',
    ]);
  });

  it('requires object.id or object.name', () => {
    const body = minimal();
    delete (body.object as Record<string, unknown>).name;
    expect(problems(body)).toEqual(['object.id: is required (or object.name)']);
    expect(problems({})).toEqual(['object: is required']);
    expect(problems('{}')).toEqual(['body: must be a JSON object']);
    expect(problems(null)).toEqual(['body: must be a JSON object']);
  });

  it('ignores a __proto__ key instead of copying it onto the prototype', () => {
    const body = JSON.parse(
      '{"__proto__":{"polluted":true},"object":{"name":"n","properties":{"title":"t","severity":"Low","incidentNumber":1}}}',
    ) as unknown;
    expect(parsed(body).incident.name).toBe('n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects other schema types and event types', () => {
    expect(
      problems({ ...minimal(), objectSchemaType: 'Alert', objectEventType: 'Delete' }),
    ).toEqual(['objectSchemaType: must be Incident', 'objectEventType: must be Create or Update']);
    expect(parsed({ ...minimal(), objectSchemaType: 'incident' }).incident.number).toBe(7);
  });

  it('rejects a number that is zero, fractional or not numeric text', () => {
    for (const incidentNumber of [0, 1.5, '12a', '', true]) {
      expect(problems(minimal({ incidentNumber }))).toEqual([
        'object.properties.incidentNumber: must be a positive integer',
      ]);
    }
  });
});

describe('parseTrigger defaults', () => {
  it('takes New and Create when status and event type are missing', () => {
    const event = parsed(minimal());
    expect(event.incident.status).toBe('New');
    expect(event.eventType).toBe('Create');
    expect(event.incident).toMatchObject({ armId: null, labels: [], entities: [], owner: null });
  });

  it('builds the version key from the ARM id and last-modified time', () => {
    const body = fixture('01');
    delete body.eventUniqueId;
    const event = parsed(body);
    expect(event.eventUniqueId).toBeNull();
    expect(event.versionKey).toBe(`${event.incident.armId}|2026-11-20T13:42:10.517Z`);
  });

  it('falls back to the name, and to the ARM id for the name', () => {
    expect(parsed(minimal()).versionKey).toBe('0d6f1b7a-1111-4222-8333-944455556666|');
    const byId = parsed({
      object: {
        id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w/providers/Microsoft.SecurityInsights/Incidents/abc',
        properties: { title: 't', severity: 'High', incidentNumber: 1 },
      },
    });
    expect(byId.incident.name).toBe('abc');
    expect(byId.incident.workspace).toEqual({
      id: null,
      subscriptionId: 's',
      resourceGroup: 'rg',
      name: 'w',
    });
  });

  it('normalises Sentinel seven-digit fractions so both sources agree', () => {
    const event = parsed(minimal({ lastModifiedTimeUtc: '2026-11-20T13:42:10.5170000Z' }));
    expect(event.incident.lastModifiedAt).toBe('2026-11-20T13:42:10.517Z');
  });
});
