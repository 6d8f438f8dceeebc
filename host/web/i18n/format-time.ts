import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import localizedFormat from 'dayjs/plugin/localizedFormat';
import relativeTime from 'dayjs/plugin/relativeTime';

dayjs.extend(localizedFormat);
dayjs.extend(relativeTime);

/** dayjs's name of a shell language (its English is the built-in `en`). */
const dayjsLocale = (lang: string) => (lang.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en');

/**
 * A moment as the reader reads it: in the browser's time zone, in the UI language's short date and
 * time ("2026/12/03 14:30", "12/03/2026 2:30 PM"). The global dayjs locale is left alone (antd's
 * pickers read it).
 */
export function formatDateTime(iso: string, lang: string): string {
  return dayjs(iso).locale(dayjsLocale(lang)).format('L LT');
}

/** How long ago (or ahead) a moment is from `now`, in the UI language ("3 小时前", "3 hours ago"). */
export function formatRelative(iso: string, lang: string, now: Date | string = new Date()): string {
  return dayjs(iso).locale(dayjsLocale(lang)).from(dayjs(now));
}
