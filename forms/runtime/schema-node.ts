/**
 * A node of a pack form schema: plain Formily JSON Schema (JSON data only). The pack adds a few
 * `x-` keywords that Formily and NocoBase ignore and our runtime reads:
 * - `x-form-id` (root): the form id.
 * - `x-data-source`: options come from the render context (`people`, `objectives`, …).
 * - `x-settings-ref`: title, help and range come from `rules/settings.schema.json` at that path.
 * - `x-locked`: a core field that an HR overlay may not hide (form behaviour depends on it).
 * - `x-custom`: added by an HR overlay; its value is stored under the record's `custom` object.
 * - `x-i18n`: `{ "en-US": { title, description, enum } }` translations carried by the node itself.
 */
export interface SchemaNode {
  type?: string;
  title?: string;
  description?: string;
  required?: boolean | string[];
  default?: unknown;
  enum?: unknown[];
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  'x-component'?: string;
  'x-decorator'?: string;
  'x-display'?: 'visible' | 'hidden' | 'none';
  'x-locked'?: boolean;
  'x-custom'?: boolean;
  'x-data-source'?: string;
  'x-settings-ref'?: string;
  'x-i18n'?: Partial<Record<string, NodeTranslation>>;
  [key: string]: unknown;
}

export interface NodeTranslation {
  title?: string;
  description?: string;
  enum?: Record<string, string>;
}

export interface EnumOption {
  label: string;
  value: string | number;
  disabled?: boolean;
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null);

/** Deep copy of JSON data; the merge and preparation steps never mutate their input. */
export const cloneJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Children of a node in schema order: its `properties`, then those of its array `items`. */
export const childEntries = (node: SchemaNode): [string, SchemaNode][] => [
  ...Object.entries(node.properties ?? {}),
  ...Object.entries(node.items?.properties ?? {}),
];

/**
 * Visits every node under `root` with its field path: property names joined by dots, array
 * `items` skipped (`links.weight`), and top-level keys that already contain a dot kept whole
 * (`custom.region`).
 */
export const walkNodes = (root: SchemaNode, visit: (node: SchemaNode, path: string) => void): void => {
  const walk = (node: SchemaNode, prefix: string) => {
    for (const [key, child] of childEntries(node)) {
      const path = prefix ? `${prefix}.${key}` : key;
      visit(child, path);
      walk(child, path);
    }
  };
  walk(root, '');
};

/** The node at a field path (see `walkNodes`), or undefined. */
export const findNode = (root: SchemaNode, path: string): SchemaNode | undefined => {
  let found: SchemaNode | undefined;
  walkNodes(root, (node, nodePath) => {
    if (!found && nodePath === path) found = node;
  });
  return found;
};

/** Whether the node holds a value the user fills in (not a group, button or display). */
export const isValueField = (node: SchemaNode): boolean =>
  node.type !== 'void' && node.type !== 'object' && !(node.type === 'array' && node.items?.properties);
