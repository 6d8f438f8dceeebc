import type { Contribution, Disposable, HostRegistry } from './host-context.ts';

/** What a pack registered with a host, by kind. */
export type RegisteredContributions = Record<keyof HostRegistry, Contribution[]>;

const KINDS: readonly (keyof HostRegistry)[] = [
  'registerCollection',
  'registerForm',
  'registerRules',
  'registerWidget',
  'registerPage',
  'registerSettings',
  'registerRole',
];

/**
 * A `HostRegistry` that records contributions by kind, refuses a second one with the same id and
 * removes one when its disposable is disposed. `adapt` lets a host check or enrich a contribution
 * before it is recorded (and throw to refuse it).
 */
export function createContributionRegistry(
  adapt: (kind: keyof HostRegistry, c: Contribution) => Contribution = (_kind, c) => c,
): { registry: HostRegistry; registered: RegisteredContributions } {
  const registered = Object.fromEntries(KINDS.map((k) => [k, []])) as unknown as RegisteredContributions;
  const add =
    (kind: keyof HostRegistry) =>
    (contribution: Contribution): Disposable => {
      const c = adapt(kind, contribution);
      const list = registered[kind];
      if (list.some((x) => x.id === c.id)) {
        throw new Error(`host registry: ${kind} "${c.id}" is already registered; ids must be unique`);
      }
      list.push(c);
      return { dispose: () => void list.splice(list.indexOf(c), 1) };
    };
  const registry = Object.fromEntries(KINDS.map((k) => [k, add(k)])) as unknown as HostRegistry;
  return { registry, registered };
}
