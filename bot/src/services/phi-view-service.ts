import { can, type RecordClass } from '../../../core/access/index.js';
import type { PhiGuard } from '../phi/guard.js';
import type { AccessService } from './access-service.js';
import type { RequestContext } from './context.js';

export interface PhiView<T> {
  content: T;
  /** True when the original, PHI included, is what the reader gets. */
  revealed: boolean;
}

/**
 * Decides what a reader sees of content that may hold PHI (SPEC §1, §3). In a conversation with
 * more than one member it is always masked. In a personal chat the original goes to a reader
 * whose level on the record's class allows revealing PHI (`readwrite` or `full`), and that
 * reveal is audited as a PHI access; anyone else gets the masked view.
 */
export class PhiViewService {
  constructor(
    private readonly guard: PhiGuard,
    private readonly access: AccessService,
  ) {}

  async view<T>(
    ctx: RequestContext,
    where: { shared: boolean },
    recordClass: RecordClass,
    target: { type: string; id: string },
    content: T,
  ): Promise<PhiView<T>> {
    const masked = this.guard.redactJson(content);
    const holdsPhi = JSON.stringify(masked) !== JSON.stringify(content);
    if (!holdsPhi) return { content, revealed: false };
    if (where.shared || !can(ctx.actor, 'reveal_phi', recordClass).allowed) {
      return { content: masked, revealed: false };
    }
    await this.access.decide(ctx, 'reveal_phi', recordClass, target, { view: 'personal' });
    return { content, revealed: true };
  }
}
