import { createContext, useContext, useMemo } from 'react';
import { useApp } from '../../app/app-context.tsx';
import { type CustomRulesApi, customRulesApi } from '../rules/custom-rules-api.ts';
import { type AutomationsApi, automationsApi } from './automations-api.ts';

export interface Named {
  id: string;
  name: string;
}

/**
 * Every call HR's automation editor and the admin's rule editor make, so the same pages run over the
 * reference host's REST client and over NocoBase's `okrAlign:<action>` requests.
 */
export interface EditorsPort {
  automations: AutomationsApi;
  rules: CustomRulesApi;
  people(): Promise<Named[]>;
  regions(): Promise<Named[]>;
  /** The current cycle's key results, for names in the preview. */
  keyResults(): Promise<{ id: string; title: string }[]>;
  lang: 'zh-CN' | 'en-US';
}

export const EditorsPortContext = createContext<EditorsPort | null>(null);

export function useEditorsPort(): EditorsPort {
  const port = useContext(EditorsPortContext);
  if (!port) throw new Error('web: the automation and rule editors need an <EditorsPortContext.Provider>');
  return port;
}

/** The reference host's port: its REST client and the shell's cycle and language. */
export function useShellEditorsPort(): EditorsPort {
  const { client, api, currentCycleId, lang } = useApp();
  // The documents' calls follow the client only: a new cycle or language must not reload them.
  const automations = useMemo(() => automationsApi(client), [client]);
  const rules = useMemo(() => customRulesApi(client), [client]);
  return useMemo(
    () => ({
      automations,
      rules,
      people: () => api.people(),
      regions: () => api.regions(),
      keyResults: () => api.keyResults(currentCycleId ?? undefined),
      lang,
    }),
    [automations, rules, api, currentCycleId, lang],
  );
}
