import { Alert } from 'antd';
import { type AlignmentFactors, type Settings, scoreOfFactors } from '../../../plugin/domain/index.ts';
import { type AlignmentScoreProps, belowMessage } from '../behaviours/key-result.ts';
import { DEFAULT_LANG } from '../form-ids.ts';
import { t } from '../locale.ts';
import { FORM_TEST_IDS } from './test-ids.ts';

// Floors to one decimal so 59.96 never shows as "60" while it is still under the minimum.
const shown = (score: number): number => Math.floor(score * 10 + 1e-9) / 10;

const NONE: AlignmentFactors = { linked: false, focusMatch: 0, rationale: false, managerConfirmed: false };

/** Points each factor earns, computed by the domain's own scoring, one factor at a time. */
const pointsOf = (factors: AlignmentFactors, settings: Settings) => ({
  linked: shown(scoreOfFactors({ ...NONE, linked: factors.linked }, settings)),
  focusMatch: shown(scoreOfFactors({ ...NONE, focusMatch: factors.focusMatch }, settings)),
  rationale: shown(scoreOfFactors({ ...NONE, rationale: factors.rationale }, settings)),
  managerConfirmed: shown(scoreOfFactors({ ...NONE, managerConfirmed: factors.managerConfirmed }, settings)),
});

/** Live alignment score of the KR being edited, with the reason when it is under the minimum. */
export function AlignmentScore(props: Partial<AlignmentScoreProps>) {
  const { score, minScore, below, factors, settings } = props;
  if (score === undefined || minScore === undefined || !factors || !settings) return null;
  const lang = props.lang ?? DEFAULT_LANG;
  const params = { score: shown(score), min: minScore, minLength: settings.alignment.minRationaleLength };
  return (
    <Alert
      data-testid={FORM_TEST_IDS.alignmentScore}
      data-score={score}
      data-below={below ? 'true' : 'false'}
      type={below ? 'warning' : 'success'}
      showIcon
      message={
        below
          ? belowMessage({ score, minScore, below, factors, settings, lang }, shown(score))
          : t(lang, 'alignment.ok', params)
      }
      description={t(lang, 'alignment.factors', pointsOf(factors, settings))}
    />
  );
}
