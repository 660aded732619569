import type { ApprovalEvent } from '../signoff/periodApproval.js';
import { bi } from './html.js';

const sentence = (e: ApprovalEvent): { vi: string; en: string } =>
  e.action === 'approve'
    ? {
        vi: `${e.period}: phê duyệt chính thức bởi ${e.by} lúc ${e.at}${e.note ? ` (${e.note})` : ''}`,
        en: `${e.period}: signed off as official by ${e.by} at ${e.at}${e.note ? ` (${e.note})` : ''}`,
      }
    : {
        vi: `${e.period}: mở lại bởi ${e.by} lúc ${e.at}, lý do: ${e.reason ?? ''}`,
        en: `${e.period}: reopened by ${e.by} at ${e.at}, reason: ${e.reason ?? ''}`,
      };

const TITLE = {
  vi: 'Phê duyệt số liệu theo quý',
  en: 'Quarterly sign-off',
};

/** The CHANGELOG section saying when each quarter was signed or reopened, and by whom. */
const signOffMarkdown = (events: readonly ApprovalEvent[]): string =>
  events.length === 0
    ? ''
    : [
        `## ${TITLE.vi} / ${TITLE.en}`,
        '',
        ...events.map((e) => {
          const s = sentence(e);
          return `- ${s.vi} / ${s.en}`;
        }),
        '',
      ].join('\n');

/** The dataset page's sign-off section, as HTML. */
const signOffHtml = (events: readonly ApprovalEvent[]): string =>
  events.length === 0
    ? ''
    : `<h2>${bi(TITLE)}</h2>\n<ul>\n${events
        .map((e) => `<li>${bi(sentence(e))}</li>`)
        .join('\n')}\n</ul>`;

export { signOffHtml, signOffMarkdown };
