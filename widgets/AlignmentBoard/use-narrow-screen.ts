import { useSyncExternalStore } from 'react';

/** Below this width (antd's `sm`) a phone sees one column at a time. */
export const NARROW_SCREEN_PX = 576;

const subscribe = (onChange: () => void) => {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
};
const narrowNow = () => typeof window !== 'undefined' && window.innerWidth < NARROW_SCREEN_PX;

/** True on a phone-sized window; follows rotation and resizing. */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(subscribe, narrowNow, () => false);
}
