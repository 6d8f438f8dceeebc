import type { CustomRuleDocument, LocalisedTitle } from '../../../../plugin/engine/custom-rules.ts';
import type { CustomRulesPreview } from '../../../../plugin/engine/custom-rules-preview.ts';
import type { RuleVersion, RuleVersionWithDiff } from '../../../../plugin/engine/custom-rules-versions.ts';
import type { SubjectKind } from '../../../../plugin/engine/fact-catalogue.ts';
import type { ApiClient } from '../../api/client.ts';

export interface BuiltInRule {
  name: string;
  file: string;
  level: SubjectKind;
  eventType: string;
  description: string | null;
}

export interface CustomRulesState {
  current: RuleVersion;
  eventTypes: { type: string; title: LocalisedTitle; level: SubjectKind }[];
  builtIn: BuiltInRule[];
}

/** The calls the rules page makes (host/server/routes/custom-rules.ts). */
export function customRulesApi(client: ApiClient) {
  return {
    current: () => client.get<CustomRulesState>('/api/custom-rules'),
    versions: () => client.get<RuleVersionWithDiff[]>('/api/custom-rules/versions'),
    preview: (document: CustomRuleDocument) =>
      client.post<CustomRulesPreview>('/api/custom-rules/preview', { document }),
    propose: (document: CustomRuleDocument, reason: string) =>
      client.post<RuleVersion>('/api/custom-rules/proposals', { document, reason }),
    publish: (version: number) => client.post<RuleVersion>(`/api/custom-rules/versions/${version}/publish`),
    rollback: (toVersion: number, reason: string) =>
      client.post<RuleVersion>('/api/custom-rules/rollback', { toVersion, reason }),
  };
}
export type CustomRulesApi = ReturnType<typeof customRulesApi>;
