import { MIN_PASSWORD_LENGTH, passwordProblem } from '../../../plugin/app/password-rule.ts';
import { badRequest } from '../http-error.ts';

/** Logins: lower-case letters, digits, dot, dash, underscore (the same as `POST /api/users`). */
export const LOGIN_PATTERN = '^[a-z0-9._-]{2,60}$';

/** Refuses a weak password with the rule it broke (400 `weak-password`). */
export function checkPassword(where: string, password: string, login: string): void {
  const problem = passwordProblem(password, login);
  if (problem)
    throw badRequest(
      'weak-password',
      `${where}: the password is too weak (${problem}); use at least ${MIN_PASSWORD_LENGTH} characters with letters and digits, not containing the login`,
      { params: { min: MIN_PASSWORD_LENGTH }, problem },
    );
}
