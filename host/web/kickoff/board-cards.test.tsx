// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { LOGINS } from '../../../test/server/helpers.ts';
import { AlignmentBoard } from '../../../widgets/AlignmentBoard/index.tsx';
import { widgetT } from '../../../widgets/shared/i18n.ts';
import { TEST_IDS, UNLINKED_ID } from '../../../widgets/test-ids.ts';
import { DEMO_PASSWORD } from '../../demo/case-study-people.ts';
import { ApiClient } from '../api/client.ts';
import { endpoints } from '../api/endpoints.ts';
import { cookieJarFetch, en, pageTestServer, renderPage, slow } from '../pages/page-test-server.tsx';
import { boardCards, loadBoardContext } from './board-cards.ts';

const CYCLE = 'cycle-2026-h1';
// 何俊杰 (华南) has a linked KR at 40 with no rationale: the card of issue 18.
const REP = 'hejunjie';
const { server } = pageTestServer();
const zh = widgetT('zh-CN');

/** A phone that joined the board from its QR code as `login`: its API client keeps the limited session. */
async function qrPhone(login: string) {
  const minted = await (await server.login(LOGINS.manager)).post(`/api/boards/${CYCLE}/invites`, {});
  expect(minted.status).toBe(200);
  const client = new ApiClient({ baseUrl: server.url, fetch: cookieJarFetch(), translate: (k) => en.t(k) });
  const api = endpoints(client);
  await api.joinBoard(CYCLE, { invite: minted.body.invite, login, password: DEMO_PASSWORD });
  return { client, api, me: await api.me() };
}

describe('the board on a QR-joined phone at 390 px', () => {
  it('names regions, counts and reminds exactly as the desktop does', slow, async () => {
    const phone = await qrPhone(REP);
    expect(phone.me.scope?.boardId).toBe(`cycle:${CYCLE}`);
    const context = await loadBoardContext(phone.api);
    // The phone needs the threshold and the names for its cards; a QR session read none before.
    expect(context.settings?.alignment.minScore).toBeGreaterThan(0);
    const [keyResults, objectives] = await Promise.all([
      phone.api.keyResults(CYCLE),
      phone.api.objectives(CYCLE),
    ]);
    const cards = boardCards({
      keyResults,
      objectives,
      context,
      knownNames: new Map([[phone.me.personId, phone.me.name]]),
      serverScores: new Map(),
    });
    const weak = cards.find((c) => c.belowThreshold && c.kr.ownerId === phone.me.personId);
    if (!weak?.gap) throw new Error('test: the demo gives 何俊杰 no KR under the threshold');
    const minScore = context.settings?.alignment.minScore as number;

    // The desktop's cards for the same KRs, from a normal session of the same person.
    const desk = endpoints(
      new ApiClient({ baseUrl: server.url, fetch: cookieJarFetch(), translate: (k) => en.t(k) }),
    );
    await desk.login(REP, DEMO_PASSWORD);
    const deskCards = boardCards({
      keyResults: await desk.keyResults(CYCLE),
      objectives,
      context: await loadBoardContext(desk),
      knownNames: new Map(),
      serverScores: new Map(),
    });
    const strip = (list: typeof cards) =>
      list.map(({ kr, ownerName, regionName, score, belowThreshold, gap }) => ({
        id: kr.id,
        ownerName,
        regionName,
        score,
        belowThreshold,
        gap,
      }));
    expect(strip(cards)).toEqual(strip(deskCards));

    const width = window.innerWidth;
    window.innerWidth = 390;
    try {
      renderPage(
        phone.client,
        phone.me,
        <AlignmentBoard objectives={objectives} cards={cards} minScore={minScore} locale="zh-CN" />,
      );
      const column = weak.kr.links.find((l) => objectives.some((o) => o.id === l.objectiveId))?.objectiveId;
      const card = screen.getByTestId(TEST_IDS.board.card(weak.kr.id, column ?? UNLINKED_ID));
      expect(card.dataset.belowThreshold).toBe('true');
      // The reminder names the missing factor, and the owner's region is shown.
      expect(within(card).getByText(zh(`board.gap.${weak.gap}`, { minScore }))).toBeTruthy();
      expect(card.textContent).toContain(`${phone.me.name} · 华南`);
      const count = screen.getByTestId(TEST_IDS.board.count(column ?? UNLINKED_ID)).textContent ?? '';
      expect(count).not.toMatch(/，0 个待补全/);
    } finally {
      window.innerWidth = width;
    }
  });
});
