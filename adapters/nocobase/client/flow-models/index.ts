import type { NbBlockModelClass } from '@nocobase/client';
import { BLOCKS } from '../blocks.tsx';
import { FORM_BLOCKS } from '../form-blocks.tsx';
import { blockModelOf } from './block-model-of.tsx';

/** Flow-engine model name of a block: the v1 component name plus `Model` (what a v2 page stores as `use`). */
export const modelNameOf = (blockName: string): string => `${blockName}Model`;

/**
 * Our blocks as flow-engine block models, for v2 (modern) pages' "Add block" → "Other blocks".
 * Each renders the same component as the v1 block of that name.
 */
export function okrFlowModels(): Record<string, NbBlockModelClass> {
  return Object.fromEntries(
    Object.entries({ ...BLOCKS, ...FORM_BLOCKS }).map(([name, block]) => [
      modelNameOf(name),
      blockModelOf(block.Component, block.title),
    ]),
  );
}
