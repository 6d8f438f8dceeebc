import type { Route } from './router.ts';

/**
 * What the shell hands every page. Its own module so pages (loaded on demand by PageSwitch) and
 * PageSwitch can both name it without importing each other.
 */
export interface PageProps {
  route: Route;
  params: Record<string, string>;
}
