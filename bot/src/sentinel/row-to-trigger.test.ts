import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { normaliseRow, parseTrigger } from '../../../core/incidents/index.js';
import { rowToTrigger } from './row-to-trigger.js';

type Json = Record<string, unknown>;
const DIR = fileURLToPath(new URL('../../../samples/sentinel/', import.meta.url));

/** The SecurityIncident row Log Analytics holds for a fixture, dynamic columns as JSON text. */
function rowOf(body: Json): Json {
  const object = body.object as Json;
  const p = object.properties as Json;
  return {
    TenantId: body.workspaceId,
    TimeGenerated: '2026-11-25T00:00:00.0000000Z',
    IncidentName: object.name,
    IncidentNumber: p.incidentNumber,
    Title: p.title,
    Description: p.description,
    Severity: p.severity,
    Status: p.status,
    Classification: p.classification ?? '',
    Owner: JSON.stringify(p.owner ?? {}),
    Labels: JSON.stringify(p.labels ?? []),
    AdditionalData: JSON.stringify(p.additionalData ?? {}),
    IncidentUrl: p.incidentUrl,
    ProviderName: p.providerName,
    FirstActivityTime: p.firstActivityTimeUtc,
    LastActivityTime: p.lastActivityTimeUtc,
    LastModifiedTime: p.lastModifiedTimeUtc,
    CreatedTime: p.createdTimeUtc,
  };
}

const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(`${DIR}${f}`, 'utf8')) as Json] as const);

describe('rowToTrigger', () => {
  it.each(fixtures)('gives back the incident and version key of the row of %s', (_f, body) => {
    const incident = normaliseRow(rowOf(body));
    expect(incident).not.toBeNull();
    const parsed = parseTrigger(rowToTrigger(incident!));
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    const back = parsed.event.incident;
    expect(back).toEqual(incident);
    for (const key of [
      'title',
      'number',
      'severity',
      'status',
      'labels',
      'owner',
      'lastModifiedAt',
    ] as const) {
      expect(back[key]).toEqual(incident![key]);
    }
    expect(parsed.event.versionKey).toBe(
      `${incident!.armId ?? incident!.name}|${incident!.lastModifiedAt ?? ''}`,
    );
    expect(parsed.event.eventType).toBe('Update');
    expect(parsed.event.eventUniqueId).toBeNull();
  });

  it('round-trips a sparse row: no URL (so no ARM id), no owner, no labels, no times', () => {
    const incident = normaliseRow({
      IncidentName: '0e5b6a4c-1111-4222-8333-944455556666',
      IncidentNumber: 77,
      Title: '  Sparse  ',
      Severity: 'low',
      Status: 'closed',
      Classification: 'BenignPositive',
      Owner: '{"objectId":null,"email":null,"assignedTo":null,"userPrincipalName":null}',
    });
    expect(incident).not.toBeNull();
    const parsed = parseTrigger(rowToTrigger(incident!));
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    expect(parsed.event.incident).toEqual(incident);
    expect(parsed.event.versionKey).toBe('0e5b6a4c-1111-4222-8333-944455556666|');
  });
});
