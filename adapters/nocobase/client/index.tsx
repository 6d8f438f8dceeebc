import { Plugin, SchemaSettings, useSchemaInitializer } from '@nocobase/client';
import enUS from '../locale/en-US.json' with { type: 'json' };
import zhCN from '../locale/zh-CN.json' with { type: 'json' };
import { BLOCKS } from './blocks.tsx';
import { flattenMessages } from './flatten-messages.ts';
import { okrFlowModels } from './flow-models/index.ts';
import { FORM_BLOCKS } from './form-blocks.tsx';
import { LOCALE_NS, tExpr } from './locale-ns.ts';
import { OkrPluginSettings } from './plugin-settings.tsx';

/** Settings (toolbar menu) of every OKR Align block; removing the block is all a page designer needs. */
export const BLOCK_SETTINGS = 'blockSettings:okrAlign';

/** Every block a page can hold: the widgets and the pack forms, by component name. */
const ALL_BLOCKS = { ...BLOCKS, ...FORM_BLOCKS };
type BlockName = keyof typeof ALL_BLOCKS;

/** The page schema a block initializer inserts: a card holding one of our blocks. */
export function blockSchema(component: BlockName): Record<string, unknown> {
  return {
    type: 'void',
    'x-decorator': 'CardItem',
    'x-component': component,
    'x-settings': BLOCK_SETTINGS,
    'x-toolbar': 'BlockSchemaToolbar',
  };
}

/**
 * OKR Align as a NocoBase client plugin: blocks for the page designer of classic (v1) pages and, as
 * flow-engine models, of modern (v2) pages; a settings page.
 */
export class OkrAlignClientPlugin extends Plugin {
  override async load(): Promise<void> {
    this.app.i18n.addResources('zh-CN', LOCALE_NS, flattenMessages(zhCN));
    this.app.i18n.addResources('en-US', LOCALE_NS, flattenMessages(enUS));

    this.app.addComponents(
      Object.fromEntries(Object.entries(ALL_BLOCKS).map(([name, b]) => [name, b.Component])),
    );
    this.app.schemaSettingsManager.add(
      new SchemaSettings({ name: BLOCK_SETTINGS, items: [{ name: 'remove', type: 'remove' }] }),
    );
    for (const [name, block] of Object.entries(ALL_BLOCKS)) {
      this.app.schemaInitializerManager.addItem('page:addBlock', `otherBlocks.${name}`, {
        name,
        title: tExpr(block.title),
        type: 'item',
        useComponentProps() {
          const { insert } = useSchemaInitializer();
          return { onClick: () => insert(blockSchema(name as BlockName)) };
        },
      });
    }
    this.flowEngine.registerModels(okrFlowModels());
    this.app.pluginSettingsManager.add('okr-align', {
      title: tExpr('settings.title'),
      icon: 'AimOutlined',
      Component: OkrPluginSettings,
    });
  }
}

export default OkrAlignClientPlugin;
