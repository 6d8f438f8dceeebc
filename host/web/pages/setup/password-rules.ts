import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import { MIN_PASSWORD_LENGTH, passwordProblem } from '../../../../plugin/app/password-rule.ts';

/** antd rules for a new password: the server's strength rule, said in the user's words. */
export function passwordRules(t: TFunction, login: () => string): Rule[] {
  return [
    { required: true, message: t('setup.passwordRequired') },
    {
      validator: async (_rule, value: string | undefined) => {
        const problem = value ? passwordProblem(value, login()) : null;
        if (problem) throw new Error(t(`setup.passwordRule.${problem}`, { min: MIN_PASSWORD_LENGTH }));
      },
    },
  ];
}

/** The repeat field must equal the password field. */
export function repeatRules(t: TFunction, password: () => string | undefined): Rule[] {
  return [
    { required: true, message: t('setup.passwordRequired') },
    {
      validator: async (_rule, value: string | undefined) => {
        if (value !== password()) throw new Error(t('setup.passwordMismatch'));
      },
    },
  ];
}
