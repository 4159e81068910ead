import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Role } from '../../core/access/index.js';
import { PhiGuard } from '../../bot/src/phi/guard.js';
import { AccessService } from '../../bot/src/services/access-service.js';
import { AuditTrail } from '../../bot/src/services/audit-trail.js';
import { PhiViewService } from '../../bot/src/services/phi-view-service.js';
import { AuditRepository } from '../../bot/src/store/audit-repo.js';
import { ENGINES, type TestStore } from '../helpers/engines.js';

const CARD = {
  type: 'AdaptiveCard',
  body: [
    {
      type: 'TextBlock',
      text: 'DLP: OHIP 7828 477 484 of patient Tomasz Okafor shared externally',
    },
  ],
};
const MASKED_TEXT = 'DLP: OHIP [HEALTH CARD …484] of patient [NAME] shared externally';
const target = { type: 'incident', id: '42' };

const reader = (roles: Role[]) => ({
  actor: { id: `u-${roles.join('-')}`, name: 'Reader', kind: 'user' as const, roles, upn: null },
  channel: 'bot' as const,
  requestId: 'r1',
});

describe.each(ENGINES)('what a reader sees of PHI, on $name', (engine) => {
  let t: TestStore;
  let trail: AuditTrail;
  let views: PhiViewService;

  beforeAll(async () => {
    t = await engine.create();
    trail = new AuditTrail(new AuditRepository(t.store), () => new Date());
    views = new PhiViewService(PhiGuard.create(), new AccessService(trail));
  });
  afterAll(async () => t?.dispose());

  const reveals = async () =>
    (await new AuditRepository(t.store).query({ action: 'access.reveal_phi', limit: 100 })).map(
      (e) => ({ actor: e.actor.id, outcome: e.outcome, dataClass: e.dataClass }),
    );

  it('shows a clinician the original clinical card in their personal chat, audited as PHI access', async () => {
    const view = await views.view(
      reader(['ClinicalUser']),
      { shared: false },
      'clinical',
      target,
      CARD,
    );
    expect(view).toEqual({ content: CARD, revealed: true });
    expect(await reveals()).toEqual([
      { actor: 'u-ClinicalUser', outcome: 'allowed', dataClass: 'clinical' },
    ]);
  });

  it('masks it in a channel, whoever reads it, and records no reveal', async () => {
    const view = await views.view(
      reader(['PracticeOwner']),
      { shared: true },
      'clinical',
      target,
      CARD,
    );
    expect(view.revealed).toBe(false);
    expect(view.content.body[0]?.text).toBe(MASKED_TEXT);
    expect(await reveals()).toHaveLength(1);
  });

  it('masks it for a reader who may only read that class (no reveal right)', async () => {
    const view = await views.view(
      reader(['ClinicalUser']),
      { shared: false },
      'business',
      target,
      CARD,
    );
    expect(view.content.body[0]?.text).toBe(MASKED_TEXT);
    expect(view.revealed).toBe(false);
  });

  it('keeps unclassified PHI for the owner alone', async () => {
    const clinician = await views.view(
      reader(['ClinicalUser']),
      { shared: false },
      'unclassified',
      target,
      CARD,
    );
    expect(clinician.revealed).toBe(false);
    const owner = await views.view(
      reader(['PracticeOwner']),
      { shared: false },
      'unclassified',
      target,
      CARD,
    );
    expect(owner.revealed).toBe(true);
  });

  it('records nothing when there is no PHI to reveal', async () => {
    const before = (await reveals()).length;
    const plain = {
      type: 'AdaptiveCard',
      body: [{ type: 'TextBlock', text: 'Brute force on BILL-APP01' }],
    };
    expect(
      await views.view(reader(['BusinessUser']), { shared: false }, 'business', target, plain),
    ).toEqual({
      content: plain,
      revealed: false,
    });
    expect(await reveals()).toHaveLength(before);
  });
});
