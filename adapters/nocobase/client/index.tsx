import { Plugin, SchemaSettings, useSchemaInitializer } from '@nocobase/client';
import enUS from '../locale/en-US.json' with { type: 'json' };
import zhCN from '../locale/zh-CN.json' with { type: 'json' };
import { BLOCKS } from './blocks.tsx';
import { flattenMessages } from './flatten-messages.ts';
import { LOCALE_NS } from './locale-ns.ts';
import { OkrSettingsPage } from './settings-page.tsx';

/** Settings (toolbar menu) of every OKR Align block; removing the block is all a page designer needs. */
export const BLOCK_SETTINGS = 'blockSettings:okrAlign';

/** The page schema a block initializer inserts: a card holding one of our blocks. */
export function blockSchema(component: keyof typeof BLOCKS): Record<string, unknown> {
  return {
    type: 'void',
    'x-decorator': 'CardItem',
    'x-component': component,
    'x-settings': BLOCK_SETTINGS,
    'x-toolbar': 'BlockSchemaToolbar',
  };
}

/** OKR Align as a NocoBase client plugin: blocks for the page designer and a settings page. */
export class OkrAlignClientPlugin extends Plugin {
  override async load(): Promise<void> {
    this.app.i18n.addResources('zh-CN', LOCALE_NS, flattenMessages(zhCN));
    this.app.i18n.addResources('en-US', LOCALE_NS, flattenMessages(enUS));
    const t = (key: string) => `{{t("${key}", { ns: "${LOCALE_NS}" })}}`;

    this.app.addComponents(
      Object.fromEntries(Object.entries(BLOCKS).map(([name, b]) => [name, b.Component])),
    );
    this.app.schemaSettingsManager.add(
      new SchemaSettings({ name: BLOCK_SETTINGS, items: [{ name: 'remove', type: 'remove' }] }),
    );
    for (const [name, block] of Object.entries(BLOCKS)) {
      this.app.schemaInitializerManager.addItem('page:addBlock', `otherBlocks.${name}`, {
        name,
        title: t(block.title),
        type: 'item',
        useComponentProps() {
          const { insert } = useSchemaInitializer();
          return { onClick: () => insert(blockSchema(name as keyof typeof BLOCKS)) };
        },
      });
    }
    this.app.pluginSettingsManager.add('okr-align', {
      title: t('settings.title'),
      icon: 'AimOutlined',
      Component: OkrSettingsPage,
    });
  }
}

export default OkrAlignClientPlugin;
