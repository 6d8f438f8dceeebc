import type { KeyboardCoordinateGetter } from '@dnd-kit/core';

/**
 * Arrow left/right jumps the dragged card to the centre of the neighbouring column, so a keyboard
 * user reaches any objective in a few presses instead of 25-pixel steps.
 */
export const columnKeyboardCoordinates: KeyboardCoordinateGetter = (
  event,
  { context, currentCoordinates },
) => {
  const direction = event.code === 'ArrowRight' ? 1 : event.code === 'ArrowLeft' ? -1 : 0;
  const { collisionRect, droppableRects } = context;
  if (direction === 0 || !collisionRect) return undefined;
  event.preventDefault();
  const centre = collisionRect.left + collisionRect.width / 2;
  let best: number | undefined;
  for (const rect of droppableRects.values()) {
    const candidate = rect.left + rect.width / 2;
    const ahead = direction > 0 ? candidate > centre + 1 : candidate < centre - 1;
    if (ahead && (best === undefined || Math.abs(candidate - centre) < Math.abs(best - centre)))
      best = candidate;
  }
  if (best === undefined) return currentCoordinates;
  return { x: currentCoordinates.x + (best - centre), y: currentCoordinates.y };
};
