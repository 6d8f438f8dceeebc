import { Worker } from 'node:worker_threads';
import { evaluateWithCustom } from '../../../plugin/app/queries/evaluation.ts';
import type { Settings } from '../../../plugin/domain/settings.ts';
import type { Snapshot } from '../../../plugin/domain/types.ts';
import type { CustomRuleDocument } from '../../../plugin/engine/custom-rules.ts';
import type { EvaluateOptions, Evaluation } from './engine.ts';

export interface EvaluateRequest {
  id: number;
  snapshot: Snapshot;
  settings: Settings;
  at: string;
  options?: EvaluateOptions;
  /** The published custom rules, run with the built-in ones (plugin/engine/custom-rules.ts). */
  customRules?: CustomRuleDocument | null;
}

export type EvaluateResponse =
  | { id: number; result: Evaluation }
  | { id: number; error: { name: string; message: string; issues?: unknown } };

type Pending = { resolve(e: Evaluation): void; reject(err: Error): void };

/**
 * Runs `evaluate` off the event loop. An organisation-wide evaluation takes a few hundred ms of CPU
 * (measured ~200 ms for the demo); on the main thread that would stall every WebSocket and HTTP
 * reply meanwhile. One worker, requests queued in order; `inProcess` runs it inline (scripts, tests).
 */
export class Evaluator {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  constructor(private readonly inProcess = false) {}

  /** The custom rules in effect; the app reads the published ones (routes/custom-rules.ts). */
  customRules: () => Promise<CustomRuleDocument | null> = async () => null;

  async evaluate(
    snapshot: Snapshot,
    settings: Settings,
    at: string,
    options?: EvaluateOptions,
    /** Instead of the published custom rules (a preview of a proposal). */
    customRules?: CustomRuleDocument | null,
  ): Promise<Evaluation> {
    const custom = customRules === undefined ? await this.customRules() : customRules;
    if (this.inProcess) return evaluateWithCustom({ snapshot, settings, at, custom, options });
    const worker = this.ensureWorker();
    const id = this.nextId++;
    // Keep the process alive only while work is pending.
    worker.ref();
    return new Promise<Evaluation>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({
        id,
        snapshot,
        settings,
        at,
        options,
        customRules: custom,
      } satisfies EvaluateRequest);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./evaluate-worker.mjs', import.meta.url));
    worker.on('message', (msg: EvaluateResponse | { ready: true }) => {
      if (!('id' in msg)) return;
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (this.pending.size === 0) worker.unref();
      if ('result' in msg) p.resolve(msg.result);
      else
        p.reject(
          Object.assign(new Error(msg.error.message), { name: msg.error.name, issues: msg.error.issues }),
        );
    });
    const fail = (err: Error) => {
      for (const p of this.pending.values())
        p.reject(new Error(`evaluator: the worker stopped (${err.message}); the next call starts a new one`));
      this.pending.clear();
      this.worker = null;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.worker === worker) fail(new Error(`exit code ${code}`));
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}
