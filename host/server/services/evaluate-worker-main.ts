import { parentPort } from 'node:worker_threads';
import { defaultRuleSet, evaluate } from '../../../plugin/engine/index.ts';
import type { EvaluateRequest, EvaluateResponse } from './evaluator.ts';

const rules = defaultRuleSet();

parentPort?.on('message', (req: EvaluateRequest) => {
  let res: EvaluateResponse;
  try {
    res = { id: req.id, result: evaluate(req.snapshot, req.settings, req.at, rules, req.options) };
  } catch (err) {
    const e = err as Error & { issues?: unknown };
    res = { id: req.id, error: { name: e.name, message: e.message, issues: e.issues } };
  }
  parentPort?.postMessage(res);
});
parentPort?.postMessage({ ready: true });
