/** `data-testid`s the forms render, in one place for unit and end-to-end tests. */
export const FORM_TEST_IDS = {
  alignmentScore: 'alignment-score',
  colourSuggestion: 'colour-suggestion',
  overlayProblems: 'overlay-problems',
} as const;
