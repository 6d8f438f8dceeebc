// Errors are the pack's (plugin/app/errors.ts): routes and use cases throw the same class.
import { unauthorized as packUnauthorized } from '../../plugin/app/errors.ts';

export {
  AppError as HttpError,
  badRequest,
  conflict,
  forbidden,
  notFound,
  staleVersion,
} from '../../plugin/app/errors.ts';

export const unauthorized = (message = 'auth: sign in first (POST /api/auth/login)') =>
  packUnauthorized(message);
