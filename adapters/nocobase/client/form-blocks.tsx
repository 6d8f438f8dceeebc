import { OkrCheckInFormBlock } from './check-in-form-block.tsx';
import { OkrKeyResultFormBlock } from './key-result-form-block.tsx';

/** Form blocks by the name the page schema refers to (`x-component`), with the i18n key of their title. */
export const FORM_BLOCKS = {
  OkrKeyResultFormBlock: { Component: OkrKeyResultFormBlock, title: 'blocks.keyResultForm' },
  OkrCheckInFormBlock: { Component: OkrCheckInFormBlock, title: 'blocks.checkInForm' },
} as const;
