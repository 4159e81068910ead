import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  classificationRulesSchema,
  classify,
  DEFAULT_RULES,
  globMatches,
  type ClassificationRules,
} from './classify.js';
import { type Incident } from './model.js';
import { parseTrigger } from './trigger.js';

function incidentOf(file: string): Incident {
  const path = fileURLToPath(new URL(`../../samples/sentinel/${file}`, import.meta.url));
  const result = parseTrigger(JSON.parse(readFileSync(path, 'utf8')));
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.event.incident;
}

const lostLaptop = incidentOf('06-lost-laptop.json');
const ransomware = incidentOf('03-ransomware-ehr-server.json');
const phishing = incidentOf('02-phishing-invoice.json');
const newCountry = incidentOf('07-informational-new-country.json');

function rules(partial: Partial<Record<keyof ClassificationRules, unknown>>): ClassificationRules {
  return classificationRulesSchema.parse(partial);
}

describe('classify', () => {
  it('leaves fixture 06 (no DataClass label) unclassified under the default rules', () => {
    expect(lostLaptop.labels).toEqual(['LostDevice']);
    expect(classify(lostLaptop, DEFAULT_RULES)).toBe('unclassified');
  });

  it('classifies fixture 06 by a host rule', () => {
    const hostRules = rules({ hosts: [{ pattern: 'lt-owner-*', dataClass: 'personal' }] });
    expect(classify(lostLaptop, hostRules)).toBe('personal');
  });

  it('takes the DataClass label first, in any case, before every mapping', () => {
    const everything = rules({
      hosts: [{ pattern: '*', dataClass: 'system' }],
      resourceGroups: [{ pattern: '*', dataClass: 'system' }],
      products: [{ pattern: '*', dataClass: 'system' }],
    });
    expect(classify(ransomware, everything)).toBe('clinical');
    expect(classify(phishing, everything)).toBe('business');
    const shouted = {
      ...lostLaptop,
      labels: ['Other', 'DATACLASS:Business', 'dataclass:clinical'],
    };
    expect(classify(shouted, everything)).toBe('business');
  });

  it('applies hosts, then resource groups, then products, each in file order', () => {
    const ordered = rules({
      hosts: [
        { pattern: 'NOPE-*', dataClass: 'system' },
        { pattern: 'LT-*', dataClass: 'personal' },
        { pattern: '*', dataClass: 'business' },
      ],
      resourceGroups: [{ pattern: 'rg-lcs-security-*', dataClass: 'system' }],
      products: [{ pattern: 'Azure Sentinel', dataClass: 'clinical' }],
    });
    expect(classify(lostLaptop, ordered)).toBe('personal');
    // 07 has no host: the workspace's resource group decides
    expect(classify(newCountry, ordered)).toBe('system');
    const productsOnly = rules({
      products: [{ pattern: 'azure sentinel', dataClass: 'clinical' }],
    });
    expect(classify(newCountry, productsOnly)).toBe('clinical');
  });

  it('reads resource groups from Azure resource entities', () => {
    const vm = {
      ...lostLaptop,
      workspace: null,
      entities: [
        {
          kind: 'AzureResource',
          name: '/subscriptions/s/resourceGroups/rg-lcs-clinical-cc/providers/Microsoft.Compute/virtualMachines/vm1',
        },
      ],
    };
    const byGroup = rules({
      resourceGroups: [{ pattern: 'rg-lcs-clinical-cc', dataClass: 'clinical' }],
    });
    expect(classify(vm, byGroup)).toBe('clinical');
  });
});

describe('classificationRulesSchema', () => {
  it('reads a rules file, filling missing lists and lower-casing classes', () => {
    expect(
      classificationRulesSchema.parse({ hosts: [{ pattern: 'EHR-*', dataClass: 'Clinical' }] }),
    ).toEqual({
      hosts: [{ pattern: 'EHR-*', dataClass: 'clinical' }],
      resourceGroups: [],
      products: [],
    });
  });

  it('rejects unknown classes, empty patterns and unknown keys', () => {
    const result = classificationRulesSchema.safeParse({
      hosts: [{ pattern: '', dataClass: 'secret' }],
      host: [],
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => issue.path.join('.')).sort();
    expect(paths).toEqual(['', 'hosts.0.dataClass', 'hosts.0.pattern']);
  });
});

describe('globMatches', () => {
  it('matches the whole value, without regard to case, * for any run', () => {
    expect(globMatches('EHR-*', 'ehr-srv01')).toBe(true);
    expect(globMatches('*-srv01', 'EHR-SRV01')).toBe(true);
    expect(globMatches('EHR', 'EHR-SRV01')).toBe(false);
    expect(globMatches('a.b', 'axb')).toBe(false);
  });
});
