import { useAPIClient } from '@nocobase/client';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WidgetLocale } from '../../../widgets/shared/i18n.ts';
import type { BoardData } from './board-data.ts';

/** The widgets' locale for NocoBase's current language (zh-CN unless the user chose English). */
export function useWidgetLocale(): WidgetLocale {
  const { i18n } = useTranslation();
  return i18n.language?.startsWith('en') ? 'en-US' : 'zh-CN';
}

/** Loads `okrAlign:board` once and on `reload()`; the last good answer stays shown while reloading. */
export function useBoardData(): { data: BoardData | null; error: string | null; reload: () => void } {
  const api = useAPIClient();
  const [data, setData] = useState<BoardData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    void tick;
    api
      .request<BoardData>({ url: 'okrAlign:board' })
      .then((res) => {
        if (!live) return;
        setData(res.data.data);
        setError(null);
      })
      .catch((e: unknown) => {
        if (live) setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      live = false;
    };
  }, [api, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, reload };
}
