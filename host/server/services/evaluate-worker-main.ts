import { parentPort } from 'node:worker_threads';
import { effectiveSettings, ruleSetWithCustom } from '../../../plugin/engine/custom-rules.ts';
import { evaluate } from '../../../plugin/engine/index.ts';
import type { EvaluateRequest, EvaluateResponse } from './evaluator.ts';

parentPort?.on('message', (req: EvaluateRequest) => {
  let res: EvaluateResponse;
  try {
    const settings = effectiveSettings(req.settings, req.customRules);
    const rules = ruleSetWithCustom(req.customRules);
    res = { id: req.id, result: evaluate(req.snapshot, settings, req.at, rules, req.options) };
  } catch (err) {
    const e = err as Error & { issues?: unknown };
    res = { id: req.id, error: { name: e.name, message: e.message, issues: e.issues } };
  }
  parentPort?.postMessage(res);
});
parentPort?.postMessage({ ready: true });
