import { DATA_CLASSES, permissionsOf, type Actor } from '../../../../core/access/index.js';
import { card, type AdaptiveCard, text } from './adaptive-card.js';

const CLASS_TITLES = {
  personal: 'Personal data',
  business: 'Business data',
  clinical: 'Clinical data',
  system: 'System admin',
} as const;

/** Your roles and your row of the access matrix. */
export function whoamiCard(actor: Actor & { upn: string | null }): AdaptiveCard {
  const row = permissionsOf(actor.roles);
  return card([
    text(actor.name, { weight: 'Bolder', size: 'Medium' }),
    ...(actor.upn ? [text(actor.upn, { isSubtle: true, spacing: 'None' })] : []),
    text(
      actor.roles.length > 0
        ? `Roles: ${actor.roles.join(', ')}`
        : 'Roles: none (ask the practice owner)',
    ),
    {
      type: 'FactSet',
      facts: DATA_CLASSES.map((c) => ({ title: CLASS_TITLES[c], value: row[c] })),
    },
  ]);
}
