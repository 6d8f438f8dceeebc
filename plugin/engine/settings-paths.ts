import settingsSchema from '../../rules/settings.schema.json' with { type: 'json' };

interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
}

function collectLeaves(node: SchemaNode, prefix: string, into: string[]): string[] {
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const path = `${prefix}.${key}`;
    if (child.properties !== undefined) collectLeaves(child, path, into);
    // A choice (`pool.tenure.mode`) is read by the domain, not compared by rules.
    else if (child.type !== 'string') into.push(path);
  }
  return into;
}

/** Every setting a rule may read, as plain paths (`$.alignment.minScore`); all are numbers. */
export const SETTINGS_LEAF_PATHS: readonly string[] = collectLeaves(settingsSchema as SchemaNode, '$', []);
const LEAVES = new Set(SETTINGS_LEAF_PATHS);

export function isSettingLeaf(path: string): boolean {
  return LEAVES.has(path);
}
