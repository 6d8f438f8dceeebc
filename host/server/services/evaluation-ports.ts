import type { EvaluationPorts } from '../../../plugin/app/queries/evaluation.ts';
import { appPortsOf } from '../app-ports.ts';
import type { ServerContext } from '../context.ts';

/** The pack's evaluation queries over this server: its records, its day, and the evaluator worker. */
export function evaluationPortsOf(ctx: ServerContext): EvaluationPorts {
  const { uow, data } = appPortsOf(ctx);
  return {
    uow,
    data,
    today: () => ctx.today(),
    evaluate: (run) => ctx.evaluator.evaluate(run.snapshot, run.settings, run.at, run.options, run.custom),
  };
}
