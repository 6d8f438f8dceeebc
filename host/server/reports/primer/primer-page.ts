import type { Settings } from '../../../../plugin/domain/settings.ts';
import type { Lang } from '../../../../plugin/notify/messages.ts';
import enUS from './primer.en-US.json' with { type: 'json' };
import zhCN from './primer.zh-CN.json' with { type: 'json' };

const catalogues: Record<Lang, Record<string, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** The numbers the primer quotes, all read from the settings in force. */
export function primerParams(settings: Settings, version: number): Record<string, number> {
  const { alignment, calibration, alerts, pool, contribution } = settings;
  return {
    version,
    ...alignment.weights,
    minScore: alignment.minScore,
    minRationaleLength: alignment.minRationaleLength,
    green: calibration.greenMinPacePercent,
    amber: calibration.amberMinPacePercent,
    dueDay: calibration.checkinDueDay,
    amberStreak: calibration.amberStreakToEscalate,
    responseDays: alerts.escalationResponseTargetDays,
    rate: pool.ratePercent,
    floor: pool.floorPercentOfEqualShare,
    cap: pool.capPercentOfEqualShare,
    minContribution: pool.minContribution,
    peerWeight: contribution.peerWeight,
    systemWeight: contribution.systemWeight,
    crossRegionBonus: contribution.crossRegionBonusPercent,
  };
}

const SECTIONS: { heading: string; paragraphs: string[]; list?: string[] }[] = [
  { heading: 'o.heading', paragraphs: ['o.body'] },
  { heading: 'kr.heading', paragraphs: ['kr.body'] },
  { heading: 'alignment.heading', paragraphs: ['alignment.body', 'alignment.threshold'] },
  {
    heading: 'colours.heading',
    paragraphs: ['colours.body'],
    list: ['colours.green', 'colours.amber', 'colours.red', 'colours.escalate'],
  },
  { heading: 'pool.heading', paragraphs: ['pool.body', 'pool.contribution', 'pool.bounds'] },
];

/** The OKR primer as an HTML page in `lang`, its numbers from `settings` (version `version`). */
export function primerPage(settings: Settings, version: number, lang: Lang): string {
  const params = primerParams(settings, version);
  const words = catalogues[lang];
  const say = (key: string) => {
    const template = words[key];
    if (template === undefined)
      throw new Error(
        `primer: no words for "${key}" in host/server/reports/primer/primer.${lang}.json; add the key`,
      );
    return escapeHtml(
      template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) =>
        params[name] === undefined ? whole : String(params[name]),
      ),
    );
  };
  const body = SECTIONS.map(
    (s) =>
      `<section><h2>${say(s.heading)}</h2>${s.paragraphs.map((p) => `<p>${say(p)}</p>`).join('')}${
        s.list ? `<ul>${s.list.map((i) => `<li data-key="${i}">${say(i)}</li>`).join('')}</ul>` : ''
      }</section>`,
  ).join('\n');
  const other: Lang = lang === 'zh-CN' ? 'en-US' : 'zh-CN';
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${say('title')}</title>
<style>body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;max-width:760px;margin:32px auto;padding:0 16px;line-height:1.7;color:#222}
h1{font-size:24px}h2{font-size:18px;margin-top:28px;border-left:4px solid #1677ff;padding-left:8px}nav{float:right;font-size:13px}
@media print{nav{display:none}}</style></head>
<body><nav><a href="?lang=${other}">${other}</a></nav><h1>${say('title')}</h1><p>${say('intro')}</p>
${body}
</body></html>`;
}
