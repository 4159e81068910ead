import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../bot/src/paths.js';

/**
 * Distinct Sentinel Create payloads built from the samples (01–07 in turn): each gets its own
 * eventUniqueId, incident GUID (object.name and the ARM id) and incidentNumber, so no request is
 * a duplicate. Bodies are made by joining pre-split templates, which is cheap per request.
 */
export class IncidentFactory {
  private readonly templates: string[][];
  private count = 0;

  constructor(
    private readonly firstNumber: number,
    private readonly runTag = Math.random().toString(16).slice(2, 10),
    /** Only the samples whose labels name a data class (every one routes to subscribed chats). */
    classifiedOnly = false,
  ) {
    const dir = path.join(packageRoot(), 'samples', 'sentinel');
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .slice(0, 7);
    const samples = files.map((file) => {
      const sample = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as {
        eventUniqueId?: string;
        objectEventType?: string;
        object: { id: string; name: string; properties: Record<string, unknown> };
      };
      if (sample.objectEventType !== 'Create') throw new Error(`${file} is not a Create event`);
      return sample;
    });
    const labelled = (sample: (typeof samples)[number]) =>
      JSON.stringify(sample.object.properties.labels ?? []).includes('DataClass:');
    this.templates = samples
      .filter((s) => !classifiedOnly || labelled(s))
      .map((sample) => {
        const name = sample.object.name;
        sample.eventUniqueId = '@@EVT@@';
        sample.object.properties.incidentNumber = '@@NUM@@';
        sample.object.properties.providerIncidentId = '@@NUMTEXT@@';
        // The incident GUID appears in object.id, object.name and incidentUrl.
        const text = JSON.stringify(sample).split(name).join('@@NAME@@');
        return text.split(/("@@NUM@@"|@@EVT@@|@@NUMTEXT@@|@@NAME@@)/);
      });
  }

  /** The next distinct incident: its number and the raw body. */
  next(): { number: number; body: string } {
    const i = this.count++;
    const number = this.firstNumber + i;
    const hex = (i + 1).toString(16).padStart(12, '0');
    const name = `${this.runTag}-0000-4000-8000-${hex}`;
    const parts = this.templates[i % this.templates.length] as string[];
    let body = '';
    for (const part of parts) {
      if (part === '"@@NUM@@"') body += String(number);
      else if (part === '@@EVT@@') body += `${name}-evt`;
      else if (part === '@@NUMTEXT@@') body += String(number);
      else if (part === '@@NAME@@') body += name;
      else body += part;
    }
    return { number, body };
  }
}
