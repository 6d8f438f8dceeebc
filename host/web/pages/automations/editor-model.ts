import type { Automation, AutomationDocument } from '../../../../plugin/automations/types.ts';
import type { AutomationIssue } from '../../../../plugin/automations/validate.ts';
import type { KeyedStep } from './StepsEditor.tsx';
import { stepKey } from './targets.ts';

/** An automation while it is edited: its steps carry keys so they can be dragged. */
export type EditedAutomation = Omit<Automation, 'steps'> & { steps: KeyedStep[] };

export const toEdited = (doc: AutomationDocument): EditedAutomation[] =>
  doc.automations.map((a) => ({ ...a, steps: a.steps.map((step) => ({ key: stepKey(), step })) }));

export const toDocument = (list: EditedAutomation[]): AutomationDocument => ({
  version: 1,
  automations: list.map(({ steps, conditions, ...a }) => ({
    ...a,
    ...(conditions ? { conditions } : {}),
    steps: steps.map((s) => s.step),
  })),
});

/** `automations[2].steps[1].message` → the automation's index and the step's number, for words. */
export function placeOf(issue: AutomationIssue): { automation: number | null; step: number | null } {
  const a = /^automations\[(\d+)\]/.exec(issue.path);
  const s = /\.steps\[(\d+)\]/.exec(issue.path);
  return { automation: a ? Number(a[1]) : null, step: s ? Number(s[1]) + 1 : null };
}

export const newAutomationId = (taken: ReadonlySet<string>) => {
  for (let n = taken.size + 1; ; n++) if (!taken.has(`automation-${n}`)) return `automation-${n}`;
};
