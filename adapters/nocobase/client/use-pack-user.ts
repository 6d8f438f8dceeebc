import { useAPIClient } from '@nocobase/client';
import { useEffect, useState } from 'react';
import type { HostUser } from '../../../plugin/sdk/index.ts';

/** The signed-in user as the pack sees them (`okrAlign:me`), or null while loading / without a pack role. */
export function usePackUser(): HostUser | null {
  const api = useAPIClient();
  const [me, setMe] = useState<HostUser | null>(null);
  useEffect(() => {
    let live = true;
    api
      .request<HostUser | null>({ url: 'okrAlign:me' })
      .then((res) => live && setMe(res.data.data))
      .catch(() => live && setMe(null));
    return () => {
      live = false;
    };
  }, [api]);
  return me;
}
