import { describe, expect, it } from '@jest/globals';
import { generic } from './library/generic.js';
import { LIBRARY } from './library/index.js';
import { loadPlaybooks, PlaybookError, parsePlaybook } from './load.js';

type Data = Record<string, unknown> & {
  phases: Record<string, Record<string, unknown>[]>;
};

/** A valid playbook named `sample`, to break one thing at a time. */
function sample(): Data {
  return { ...structuredClone(generic), id: 'sample' } as unknown as Data;
}

/** Loads `generic` plus the given `sample` and returns the error message it throws. */
function loadError(data: unknown): string {
  try {
    loadPlaybooks({ generic, sample: data });
  } catch (error) {
    expect(error).toBeInstanceOf(PlaybookError);
    return (error as Error).message;
  }
  throw new Error('expected loadPlaybooks to throw');
}

describe('the playbook schema', () => {
  it.each([
    [
      'a duplicate task id',
      (data: Data) => {
        (data.phases.containment as Record<string, unknown>[])[1]!.id = 'confirm-alert';
      },
      'Playbook "sample": phases.containment[1].id: duplicate task id "confirm-alert" (first used at phases.detection[0])',
    ],
    [
      'an unknown phase',
      (data: Data) => {
        data.phases.triage = [{ id: 'x', title: 'X', required: true }];
      },
      'Playbook "sample": phases: unknown phase "triage"; phases are detection, analysis, containment, eradication, recovery, lessons_learned',
    ],
    [
      'a missing phase',
      (data: Data) => {
        delete data.phases.recovery;
      },
      'Playbook "sample": phases.recovery: is required',
    ],
    [
      'a phase without tasks',
      (data: Data) => {
        data.phases.eradication = [];
      },
      'Playbook "sample": phases.eradication: a phase needs at least one task',
    ],
    [
      'an empty title',
      (data: Data) => {
        data.phases.analysis![0]!.title = '   ';
      },
      'Playbook "sample": phases.analysis[0].title: must not be empty',
    ],
    [
      'a missing required flag',
      (data: Data) => {
        delete data.phases.detection![1]!.required;
      },
      'Playbook "sample": phases.detection[1].required: is required',
    ],
    [
      'a misspelt task field',
      (data: Data) => {
        data.phases.detection![0]!.requried = true;
      },
      'Playbook "sample": phases.detection[0]: unknown field "requried"',
    ],
    [
      'a task id that is not kebab-case',
      (data: Data) => {
        data.phases.recovery![0]!.id = 'Restore_Operations';
      },
      'Playbook "sample": phases.recovery[0].id: must be kebab-case',
    ],
    [
      'an evidence link that is not https',
      (data: Data) => {
        data.phases.detection![0]!.evidence = 'http://learn.microsoft.com/x';
      },
      'Playbook "sample": phases.detection[0].evidence: must be an https:// link',
    ],
    [
      'no breach decision in analysis',
      (data: Data) => {
        data.phases.analysis = data.phases.analysis!.filter(
          (task) => task.id !== 'assess-phi-involvement',
        );
      },
      'Playbook "sample": phases.analysis: needs a required task "assess-phi-involvement"',
    ],
    [
      'an optional post-incident review',
      (data: Data) => {
        data.phases.lessons_learned![0] = { ...data.phases.lessons_learned![0], required: false };
      },
      'Playbook "sample": phases.lessons_learned: needs a required task "post-incident-review"',
    ],
    [
      'a review date that is not a date',
      (data: Data) => {
        data.reviewedAt = 'last spring';
      },
      'Playbook "sample": reviewedAt: must be a date (YYYY-MM-DD)',
    ],
    [
      'a wrongly typed hint list',
      (data: Data) => {
        data.matches = { tactics: 'InitialAccess' };
      },
      'Playbook "sample": matches.tactics: must be an array',
    ],
    [
      'an id that differs from the file name',
      (data: Data) => {
        data.id = 'other';
      },
      'Playbook "sample": id: is "other" but the file is named "sample"',
    ],
  ])('rejects %s, naming the playbook, the path and the problem', (_kind, breakIt, expected) => {
    const data = sample();
    breakIt(data);
    expect(loadError(data)).toContain(expected);
  });

  it('rejects data that is not a playbook at all', () => {
    expect(loadError('phishing')).toContain('Playbook "sample": (playbook): must be an object');
  });

  it('reports every problem of every playbook at once', () => {
    const first = sample();
    first.title = '';
    first.phases.recovery = [];
    const second = { ...sample(), id: 'second', version: 0 };
    try {
      loadPlaybooks({ generic, sample: first, second });
      throw new Error('expected a PlaybookError');
    } catch (error) {
      const problems = (error as PlaybookError).problems;
      expect(problems.map((problem) => `${problem.playbook} ${problem.path}`)).toEqual([
        'sample title',
        'sample phases.recovery',
        'second version',
      ]);
    }
  });

  it('needs the generic fallback', () => {
    const { generic: _generic, ...others } = LIBRARY;
    expect(() => loadPlaybooks(others)).toThrow(
      'Playbook "generic": (playbook): is missing; it is the fallback when no other playbook matches an incident',
    );
  });

  it('fills in empty hints and trims text', () => {
    const data = sample();
    delete data.matches;
    data.title = '  Sample  ';
    const result = parsePlaybook(data, 'sample');
    expect(result.ok && result.playbook.matches).toEqual({
      tactics: [],
      titleKeywords: [],
      alertProducts: [],
      entityKinds: [],
      labels: [],
    });
    expect(result.ok && result.playbook.title).toBe('Sample');
  });
});
