/**
 * The strength rule for passwords people choose (first admin, account set-up, resets). Pure, so the
 * web shell checks the same rule as the server before it sends anything.
 */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

export type PasswordProblem = 'too-short' | 'too-long' | 'letters-and-digits' | 'contains-login';

/** What is wrong with `password` for an account signing in as `login`; null when it is acceptable. */
export function passwordProblem(password: string, login = ''): PasswordProblem | null {
  if (password.length < MIN_PASSWORD_LENGTH) return 'too-short';
  if (password.length > MAX_PASSWORD_LENGTH) return 'too-long';
  if (!/\p{L}/u.test(password) || !/\p{N}/u.test(password)) return 'letters-and-digits';
  const name = login.trim().toLowerCase();
  if (name.length >= 3 && password.toLowerCase().includes(name)) return 'contains-login';
  return null;
}
