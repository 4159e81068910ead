/** The Adaptive Card subset our builders produce, pinned to schema 1.5 (Teams' maximum). */
export type CardElement =
  | {
      type: 'TextBlock';
      text: string;
      wrap?: boolean;
      weight?: 'Bolder' | 'Default';
      size?: 'Small' | 'Medium' | 'Large';
      color?: 'Default' | 'Good' | 'Warning' | 'Attention' | 'Accent';
      isSubtle?: boolean;
      spacing?: 'None' | 'Small' | 'Medium';
    }
  | { type: 'FactSet'; facts: { title: string; value: string }[] }
  | {
      type: 'Container';
      items: CardElement[];
      style?: 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
    }
  | {
      type: 'Table';
      columns: { width: number }[];
      firstRowAsHeader?: boolean;
      rows: { type: 'TableRow'; cells: { type: 'TableCell'; items: CardElement[] }[] }[];
    };

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: '1.5';
  body: CardElement[];
  actions?: {
    type: 'Action.Execute' | 'Action.OpenUrl';
    title: string;
    verb?: string;
    data?: Record<string, unknown>;
    url?: string;
  }[];
}

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Teams rejects cards near 100 KB; we keep well under. */
export const MAX_CARD_BYTES = 80 * 1024;

export function card(body: CardElement[], actions?: AdaptiveCard['actions']): AdaptiveCard {
  const built: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
  };
  if (actions && actions.length > 0) built.actions = actions;
  const bytes = Buffer.byteLength(JSON.stringify(built), 'utf8');
  if (bytes > MAX_CARD_BYTES)
    throw new Error(`card is ${bytes} bytes, over the ${MAX_CARD_BYTES}-byte limit`);
  return built;
}

/** The activity attachment that carries a card. */
export function cardAttachment(content: AdaptiveCard): {
  contentType: string;
  content: AdaptiveCard;
} {
  return { contentType: CARD_CONTENT_TYPE, content };
}

export const text = (
  value: string,
  extra: Partial<Extract<CardElement, { type: 'TextBlock' }>> = {},
): CardElement => ({
  type: 'TextBlock',
  text: value,
  wrap: true,
  ...extra,
});
