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
      separator?: boolean;
      spacing?: 'None' | 'Small' | 'Medium' | 'Large';
    }
  | {
      type: 'Table';
      columns: { width: number }[];
      firstRowAsHeader?: boolean;
      rows: { type: 'TableRow'; cells: { type: 'TableCell'; items: CardElement[] }[] }[];
    }
  | InputElement;

/** What every input shares; `label` (1.3+) is read out by screen readers, unlike a TextBlock. */
interface InputBase {
  id: string;
  label?: string;
  isRequired?: boolean;
  errorMessage?: string;
}

/**
 * The inputs our forms use. Teams submits every value as text (`"120"`, `"true"`,
 * `"stolen,pattern"`), merged into the `data` of the `Action.Execute` that was pressed.
 */
export type InputElement =
  | (InputBase & {
      type: 'Input.Text';
      placeholder?: string;
      value?: string;
      isMultiline?: boolean;
      maxLength?: number;
    })
  | (InputBase & {
      type: 'Input.Number';
      placeholder?: string;
      value?: number;
      min?: number;
      max?: number;
    })
  | (InputBase & {
      type: 'Input.Toggle';
      title: string;
      value?: string;
      valueOn?: string;
      valueOff?: string;
      wrap?: boolean;
    })
  | (InputBase & {
      type: 'Input.ChoiceSet';
      choices: { title: string; value: string }[];
      isMultiSelect?: boolean;
      style?: 'compact' | 'expanded';
      placeholder?: string;
      /** For a multi-select, the chosen values joined by commas. */
      value?: string;
      wrap?: boolean;
    });

/** The card an `Action.ShowCard` unfolds inline; it has no version or schema of its own. */
export interface ShowCardContent {
  type: 'AdaptiveCard';
  body: CardElement[];
  actions?: CardAction[];
}

// Each action names the other kinds' fields as absent, so code can read `a.verb` or `a.url`
// from any action without narrowing first.
interface ActionBase {
  title: string;
  style?: 'default' | 'positive' | 'destructive';
}
export interface ExecuteAction extends ActionBase {
  type: 'Action.Execute';
  verb: string;
  data: Record<string, unknown>;
  url?: undefined;
  card?: undefined;
}
export interface OpenUrlAction extends ActionBase {
  type: 'Action.OpenUrl';
  url: string;
  verb?: undefined;
  data?: undefined;
  card?: undefined;
}
export interface ShowCardAction extends ActionBase {
  type: 'Action.ShowCard';
  card: ShowCardContent;
  verb?: undefined;
  data?: undefined;
  url?: undefined;
}
export type CardAction = ExecuteAction | OpenUrlAction | ShowCardAction;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: '1.5';
  body: CardElement[];
  actions?: CardAction[];
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
