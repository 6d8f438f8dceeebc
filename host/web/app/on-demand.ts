import { useRef, useState } from 'react';
import { useAction } from './use-async.ts';

/** Code a screen loads when it is first wanted rather than with the screen (issue 17's payload budget). */
export interface OnDemand<M> {
  /** Starts loading once; after a failed load the next call tries again. */
  load: () => Promise<M>;
  /** The module once loaded, else null. */
  loaded: () => M | null;
  /** Spread on a trigger: pointing at it or tabbing to it starts the download. */
  preload: { onPointerEnter: () => void; onFocus: () => void };
}

export function onDemand<M>(importer: () => Promise<M>): OnDemand<M> {
  let loading: Promise<M> | null = null;
  let module: M | null = null;
  const load = () => {
    loading ??= importer().then(
      (m) => {
        module = m;
        return m;
      },
      (e: unknown) => {
        loading = null;
        throw e;
      },
    );
    return loading;
  };
  const warm = () => void load().catch(() => {});
  return { load, loaded: () => module, preload: { onPointerEnter: warm, onFocus: warm } };
}

/**
 * On-demand code for one screen. What it opens is applied only once that code (and what `fetch`
 * brings) is in, so the part mounts open and whole in one render: nothing half-drawn is ever on
 * screen to be mistaken for it. Until then `waiting` names the trigger (its button spins); a later
 * open replaces an earlier one still waiting.
 */
export function useOnDemand<M>(part: OnDemand<M>) {
  const [code, setCode] = useState<M | null>(part.loaded);
  const [waiting, setWaiting] = useState<string | null>(null);
  const action = useAction();
  const latest = useRef(0);

  const openAfter = async <T>(trigger: string, fetch: () => Promise<T>, show: (fetched: T) => void) => {
    const ticket = ++latest.current;
    setWaiting(trigger);
    const ready = await action.run(() => Promise.all([part.load(), fetch()]));
    if (ticket !== latest.current) return;
    setWaiting(null);
    if (!ready) return;
    setCode(() => ready[0]);
    show(ready[1]);
  };

  /** Shows at once when the code is in (no spinner flashes), else after it loads. */
  const open = (trigger: string, show: () => void) => {
    const loaded = part.loaded();
    if (!loaded) return void openAfter(trigger, async () => null, show);
    latest.current += 1;
    setWaiting(null);
    setCode(() => loaded);
    show();
  };

  /** What a button that opens it carries: the spinner while it waits, the preload, the open. */
  const trigger = (key: string, onClick: () => void) => ({
    ...part.preload,
    loading: waiting === key,
    onClick,
  });

  return { code, waiting, open, openAfter, trigger, error: action.error, clearError: action.clearError };
}
