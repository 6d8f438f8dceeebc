import { OkrActivityFormBlock } from './activity-form-block.tsx';
import { OkrCheckInFormBlock } from './check-in-form-block.tsx';
import { OkrEscalationFormBlock } from './escalation-form-block.tsx';
import { OkrKeyResultFormBlock } from './key-result-form-block.tsx';
import { OkrObjectiveFormBlock } from './objective-form-block.tsx';
import { OkrPeerReviewFormBlock } from './peer-review-form-block.tsx';
import { OkrPoolRunBlock } from './pool-run-block.tsx';

/** Form blocks by the name the page schema refers to (`x-component`), with the i18n key of their title. */
export const FORM_BLOCKS = {
  OkrKeyResultFormBlock: { Component: OkrKeyResultFormBlock, title: 'blocks.keyResultForm' },
  OkrCheckInFormBlock: { Component: OkrCheckInFormBlock, title: 'blocks.checkInForm' },
  OkrEscalationFormBlock: { Component: OkrEscalationFormBlock, title: 'blocks.escalationForm' },
  OkrObjectiveFormBlock: { Component: OkrObjectiveFormBlock, title: 'blocks.objectiveForm' },
  OkrPeerReviewFormBlock: { Component: OkrPeerReviewFormBlock, title: 'blocks.peerReviewForm' },
  OkrActivityFormBlock: { Component: OkrActivityFormBlock, title: 'blocks.activityForm' },
  OkrPoolRunBlock: { Component: OkrPoolRunBlock, title: 'blocks.poolRun' },
} as const;
