/**
 * Building the page: elements from tag, attributes and children. Text always goes in as text
 * nodes (never as HTML), so nothing the server sends can become markup.
 */

export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined>;

/** `h('p', { class: 'subtle' }, 'text', otherNode)`; `false`/`null` attributes are left out. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, ...children);
  return node;
}

/** Appends children; strings become text nodes. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

export function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`missing #${id}`);
  return found;
}

/** Shows a message in the page's `role=alert` box. */
export function showError(message: string): void {
  const box = element('error');
  box.textContent = message;
  box.hidden = false;
}

export function clearError(): void {
  const box = element('error');
  box.textContent = '';
  box.hidden = true;
}

/** Says what just happened in the polite live region (for screen readers and sighted users). */
export function announce(message: string): void {
  element('status').textContent = message;
}

/** A link only for http(s) addresses; anything else is shown as text. */
export function safeLink(href: string | null, text: string): Node {
  if (!href) return document.createTextNode(text);
  try {
    const url = new URL(href, location.href);
    if (url.protocol === 'https:' || url.protocol === 'http:') {
      return h('a', { href: url.href, target: '_blank', rel: 'noopener noreferrer' }, text);
    }
  } catch {
    // not a URL
  }
  return document.createTextNode(text);
}

/** A section with a focusable heading (focus moves there after an action in it). */
export function panel(id: string, title: string, ...children: Child[]): HTMLElement {
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': `${id}-heading` },
    h('h3', { id: `${id}-heading`, tabindex: -1 }, title),
    ...children,
  );
}

let hints = 0;

/**
 * A label wrapping its control; the hint sits outside the label (so it is not part of the
 * control's name) and describes the control.
 */
export function field(label: Child, control: HTMLElement, hint?: string): HTMLElement {
  let hintNode: HTMLElement | null = null;
  if (hint) {
    hints += 1;
    hintNode = h('span', { class: 'hint', id: `hint-${hints}` }, hint);
    control.setAttribute('aria-describedby', hintNode.id);
  }
  return h(
    'div',
    { class: 'field' },
    h('label', {}, h('span', { class: 'field-label' }, label), control),
    hintNode,
  );
}

/** `<select>` with `[value, text]` options. */
export function select(
  name: string,
  options: readonly (readonly [string, string])[],
  selected?: string,
  attrs: Attrs = {},
): HTMLSelectElement {
  return h(
    'select',
    { name, ...attrs },
    ...options.map(([value, text]) => h('option', { value, selected: value === selected }, text)),
  );
}

/** A form whose submit runs `onSubmit` with its fields (and not a page load). */
export function form(
  attrs: Attrs,
  onSubmit: (data: FormData, form: HTMLFormElement, submitter: HTMLElement | null) => void,
  ...children: Child[]
): HTMLFormElement {
  const node = h('form', attrs, ...children);
  node.addEventListener('submit', (event) => {
    event.preventDefault();
    onSubmit(new FormData(node), node, (event as SubmitEvent).submitter);
  });
  return node;
}

/** A form field's text, trimmed; '' when absent. */
export function text(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** Disables the controls of a form (or one button) while a request runs. */
export function busy(target: HTMLElement | null, on: boolean): void {
  if (!target) return;
  const controls =
    target instanceof HTMLFormElement ? Array.from(target.elements) : [target as HTMLButtonElement];
  for (const control of controls) {
    if ('disabled' in control) (control as HTMLButtonElement).disabled = on;
  }
  target.toggleAttribute('aria-busy', on);
}
