import { Tag, Typography } from 'antd';
import type { ColourSuggestionProps } from '../behaviours/check-in.ts';
import { DEFAULT_LANG } from '../form-ids.ts';
import { t } from '../locale.ts';
import { FORM_TEST_IDS } from './test-ids.ts';

const TAG_COLOURS = { green: 'success', amber: 'warning', red: 'error' } as const;

/** The colour the pace suggests for the entered value. */
export function ColourSuggestion(props: Partial<ColourSuggestionProps>) {
  const lang = props.lang ?? DEFAULT_LANG;
  const suggestion = props.suggestion;
  if (!suggestion)
    return <Typography.Text type="secondary">{t(lang, 'checkIn.suggestionPending')}</Typography.Text>;
  return (
    <Tag
      data-testid={FORM_TEST_IDS.colourSuggestion}
      data-colour={suggestion.colour}
      color={TAG_COLOURS[suggestion.colour]}
    >
      {t(lang, 'checkIn.suggestion', {
        colour: t(lang, `colour.${suggestion.colour}`),
        pace: Math.round(suggestion.pace),
      })}
    </Tag>
  );
}
