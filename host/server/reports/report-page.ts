import type { Lang } from '../../../plugin/notify/messages.ts';
import { type CalibrationReport, HQ, type ReportScope } from './calibration-report.ts';
import { reportTables } from './report-tables.ts';
import { reportWord } from './report-words.ts';

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const STYLE = `
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:24px;color:#222}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px;border-bottom:2px solid #1677ff;padding-bottom:4px}
.sub{color:#666;font-size:13px}table{border-collapse:collapse;width:100%;font-size:12px}
th,td{border:1px solid #ccc;padding:4px 6px;text-align:left}th{background:#f0f5ff}td.n{text-align:right;font-variant-numeric:tabular-nums}
.colour-green{background:#f6ffed}.colour-amber{background:#fffbe6}.colour-red{background:#fff1f0}
button{margin:12px 0;padding:4px 12px}
@media print{@page{size:A4 landscape;margin:12mm}body{margin:0}button{display:none}h2{break-after:avoid}tr{break-inside:avoid}th{background:#eee!important;-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

/** The report as a printable HTML page (server-rendered, print CSS; the only script is the print button). */
export function reportPage(report: CalibrationReport, scope: ReportScope, lang: Lang): string {
  const scopeName =
    scope === HQ ? reportWord(lang, 'scope.hq') : (report.regions.find((r) => r.id === scope)?.name ?? scope);
  const sections = reportTables(report, lang).map((table) => {
    const head = `<tr>${table.columns.map((c) => `<th>${escapeHtml(reportWord(lang, `col.${c}`))}</th>`).join('')}</tr>`;
    const colourIndex = table.key === 'colours' ? table.columns.indexOf('colour') : -1;
    const body = table.rows.length
      ? table.rows
          .map((row, r) => {
            const colour = colourIndex >= 0 ? report.colours[r]?.colour : undefined;
            const cells = row
              .map((cell, i) => {
                const numeric = table.numeric.includes(table.columns[i] ?? '');
                return `<td${numeric ? ' class="n"' : ''}>${cell === null ? '' : escapeHtml(String(cell))}</td>`;
              })
              .join('');
            return `<tr${colour ? ` class="colour-${colour}"` : ''}>${cells}</tr>`;
          })
          .join('\n')
      : `<tr><td colspan="${table.columns.length}">${escapeHtml(reportWord(lang, 'report.empty'))}</td></tr>`;
    return `<section><h2>${escapeHtml(reportWord(lang, `sheet.${table.key}`))}</h2><table><thead>${head}</thead><tbody>${body}</tbody></table></section>`;
  });
  const title = reportWord(lang, 'report.title');
  const subtitle = reportWord(lang, 'report.subtitle', {
    scope: scopeName,
    month: report.month,
    generatedAt: report.generatedAt.slice(0, 16).replace('T', ' '),
    at: report.at,
  });
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(`${title} ${report.month} ${scopeName}`)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(title)}</h1><div class="sub">${escapeHtml(subtitle)}</div>
<button type="button" onclick="window.print()">${escapeHtml(reportWord(lang, 'report.print'))}</button>
${sections.join('\n')}
</body></html>`;
}
