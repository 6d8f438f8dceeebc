import { APIClientProvider, BlockModel, type NbBlockModelClass } from '@nocobase/client';
import type { i18n as I18n } from 'i18next';
import type { ComponentType } from 'react';
import { I18nextProvider } from 'react-i18next';
import { tExpr } from '../locale-ns.ts';

/**
 * A flow-engine block model (v2 pages) that renders one of our v1 block components. The flow engine
 * may render a page outside the v1 app's providers, so the API client and i18n come from the model's
 * own context.
 */
export function blockModelOf(Component: ComponentType, titleKey: string): NbBlockModelClass {
  class OkrBlockModel extends BlockModel {
    override renderComponent() {
      const { api, i18n } = this.context;
      return (
        <APIClientProvider apiClient={api}>
          <I18nextProvider i18n={i18n as I18n}>
            <Component />
          </I18nextProvider>
        </APIClientProvider>
      );
    }
  }
  OkrBlockModel.define({ label: tExpr(titleKey) });
  return OkrBlockModel;
}
