import { parentPort } from 'node:worker_threads';
import { evaluateWithCustom } from '../../../plugin/app/queries/evaluation.ts';
import type { EvaluateRequest, EvaluateResponse } from './evaluator.ts';

parentPort?.on('message', (req: EvaluateRequest) => {
  let res: EvaluateResponse;
  try {
    const { snapshot, settings, at, customRules: custom = null, options } = req;
    res = { id: req.id, result: evaluateWithCustom({ snapshot, settings, at, custom, options }) };
  } catch (err) {
    const e = err as Error & { issues?: unknown };
    res = { id: req.id, error: { name: e.name, message: e.message, issues: e.issues } };
  }
  parentPort?.postMessage(res);
});
parentPort?.postMessage({ ready: true });
