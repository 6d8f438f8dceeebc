// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MonthColour } from '../../plugin/domain/pace.ts';
import type { CheckIn, Colour, Escalation } from '../../plugin/domain/types.ts';
import { makeKr } from '../shared/factories.ts';
import { TEST_IDS } from '../test-ids.ts';
import { type CalibrationRow, streakCells } from './calibration-model.ts';
import { CalibrationBoard } from './index.tsx';

const months = ['2026-01', '2026-02', '2026-03', '2026-04'];

/** Colours with streaks counted the way plugin/domain's krColours reports them. */
function colours(krId: string, sequence: Colour[]): MonthColour[] {
  let amber = 0;
  let red = 0;
  return sequence.map((colour, i) => {
    amber = colour === 'amber' ? amber + 1 : 0;
    red = colour === 'red' ? red + 1 : 0;
    return {
      krId,
      month: months[i] ?? '',
      colour,
      pacePercent: colour === 'green' ? 100 : colour === 'amber' ? 80 : 40,
      missing: false,
      checkInId: `ci-${krId}-${i}`,
      amberStreak: amber,
      redStreak: red,
    };
  });
}

const rows: CalibrationRow[] = [
  {
    personId: 'p-huang',
    personName: '黄敏',
    regionId: 'r-south',
    regionName: '华南',
    kr: makeKr({ id: 'kr-s1', title: '新能源客户签约 3 家' }),
    colours: colours('kr-s1', ['green', 'amber', 'amber', 'green']),
  },
  {
    personId: 'p-huang',
    personName: '黄敏',
    regionId: 'r-south',
    regionName: '华南',
    kr: makeKr({ id: 'kr-s2', title: '方案转化率 40%' }),
    colours: colours('kr-s2', ['green', 'green', 'red']),
  },
  {
    personId: 'p-zhou',
    personName: '周杰',
    regionId: 'r-north',
    regionName: '华北',
    kr: makeKr({ id: 'kr-n1', title: '重点客户覆盖 100%' }),
    colours: colours('kr-n1', ['green', 'green', 'green']),
  },
];

const checkIn = (id: string, krId: string, extra: Partial<CheckIn> = {}): CheckIn => ({
  id,
  krId,
  month: '2026-03',
  value: 1,
  selfColour: null,
  colourNote: '',
  submittedAt: '2026-04-03T08:00:00Z',
  blockers: '',
  resourceRequest: null,
  confidence: 6,
  ...extra,
});
const checkIns = [
  checkIn('ci-kr-s1-2', 'kr-s1', {
    blockers: '缺少技术方案支持',
    resourceRequest: { kind: 'technical-support', detail: '总部工程师驻场两周' },
  }),
  checkIn('ci-kr-s2-2', 'kr-s2', { selfColour: 'amber' }),
];

const escalation = (id: string, extra: Partial<Escalation>): Escalation => ({
  id,
  krId: 'kr-s1',
  raisedById: 'p-huang',
  assigneeId: null,
  month: '2026-03',
  reason: 'amber-streak',
  detail: '',
  raisedAt: '2026-04-03T09:00:00Z',
  resolvedAt: null,
  resolution: '',
  ...extra,
});
const escalations = [
  escalation('e-amber', { detail: '连续两月标黄' }),
  escalation('e-red', { krId: 'kr-s2', reason: 'red' }),
  escalation('e-old', {
    krId: 'kr-n1',
    month: '2026-01',
    reason: 'blocker',
    resolvedAt: '2026-01-09T09:00:00Z',
  }),
];

afterEach(cleanup);

describe('streakCells', () => {
  it('marks the amber run that ended in the escalation month and the red month', () => {
    const cells = streakCells(rows, escalations);
    expect([...cells.keys()].sort()).toEqual(['kr-s1|2026-02', 'kr-s1|2026-03', 'kr-s2|2026-03']);
    expect(cells.get('kr-s1|2026-02')).toEqual(['e-amber']);
  });

  it('ignores resolved escalations', () => {
    expect(streakCells(rows, [escalations[2] as Escalation]).size).toBe(0);
  });
});

describe('CalibrationBoard', () => {
  it('shows each month as icon and word, not colour alone', () => {
    render(<CalibrationBoard months={months} rows={rows} checkIns={checkIns} escalations={escalations} />);
    const cell = screen.getByTestId(TEST_IDS.calibration.cell('kr-s2', '2026-03'));
    expect(cell.dataset.colour).toBe('red');
    expect(cell.textContent).toContain('红');
    expect(cell.textContent).toContain('进度达成 40%');
    expect(cell.textContent).toContain('自评为黄');
    expect(screen.getByTestId(TEST_IDS.calibration.cell('kr-s2', '2026-04')).dataset.colour).toBe('none');
  });

  it('shows blockers, resource requests and the streak that triggered an escalation', () => {
    render(<CalibrationBoard months={months} rows={rows} checkIns={checkIns} escalations={escalations} />);
    const march = screen.getByTestId(TEST_IDS.calibration.cell('kr-s1', '2026-03'));
    expect(within(march).getByLabelText('阻塞：缺少技术方案支持')).toBeTruthy();
    expect(within(march).getByLabelText('资源请求（技术支持）：总部工程师驻场两周')).toBeTruthy();
    expect(within(march).getByLabelText('有未关闭的升级')).toBeTruthy();
    expect(march.dataset.streak).toBe('e-amber');
    expect(screen.getByTestId(TEST_IDS.calibration.cell('kr-s1', '2026-02')).dataset.streak).toBe('e-amber');
    expect(screen.getByTestId(TEST_IDS.calibration.cell('kr-s1', '2026-01')).dataset.streak).toBeUndefined();
  });

  it('lists open escalations only and reports which one to handle', () => {
    const onOpenEscalation = vi.fn();
    render(
      <CalibrationBoard
        months={months}
        rows={rows}
        checkIns={checkIns}
        escalations={escalations}
        onOpenEscalation={onOpenEscalation}
      />,
    );
    expect(screen.queryByTestId(TEST_IDS.calibration.escalation('e-old'))).toBeNull();
    const item = screen.getByTestId(TEST_IDS.calibration.escalation('e-amber'));
    expect(item.textContent).toContain('连续标黄');
    expect(item.textContent).toContain('黄敏 · 新能源客户签约 3 家 · 2026-03');
    fireEvent.click(within(item).getByRole('button'));
    expect(onOpenEscalation).toHaveBeenCalledExactlyOnceWith('e-amber');
  });

  it('reports the selected cell with its check-in', () => {
    const onSelectCell = vi.fn();
    render(
      <CalibrationBoard
        months={months}
        rows={rows}
        checkIns={checkIns}
        escalations={[]}
        onSelectCell={onSelectCell}
      />,
    );
    fireEvent.click(
      within(screen.getByTestId(TEST_IDS.calibration.cell('kr-s1', '2026-02'))).getByRole('button'),
    );
    expect(onSelectCell).toHaveBeenCalledExactlyOnceWith('kr-s1', '2026-02', 'ci-kr-s1-1');
  });

  it('filters rows by a controlled region', () => {
    const { rerender } = render(
      <CalibrationBoard
        months={months}
        rows={rows}
        checkIns={checkIns}
        escalations={escalations}
        regionId="r-north"
      />,
    );
    expect(screen.queryByTestId(TEST_IDS.calibration.cell('kr-s1', '2026-01'))).toBeNull();
    expect(screen.getByTestId(TEST_IDS.calibration.cell('kr-n1', '2026-01'))).toBeTruthy();
    expect(screen.queryByTestId(TEST_IDS.calibration.escalation('e-amber'))).toBeNull();
    rerender(
      <CalibrationBoard
        months={months}
        rows={rows}
        checkIns={checkIns}
        escalations={escalations}
        regionId={null}
      />,
    );
    expect(screen.getByTestId(TEST_IDS.calibration.cell('kr-s1', '2026-01'))).toBeTruthy();
  });

  it('reports region filter changes', async () => {
    const onRegionChange = vi.fn();
    render(
      <CalibrationBoard
        months={months}
        rows={rows}
        checkIns={checkIns}
        escalations={escalations}
        onRegionChange={onRegionChange}
      />,
    );
    fireEvent.mouseDown(
      screen.getByTestId(TEST_IDS.calibration.regionFilter).querySelector('.ant-select-selector') as Element,
    );
    fireEvent.click(await screen.findByTitle('华北'));
    expect(onRegionChange).toHaveBeenCalledExactlyOnceWith('r-north');
    expect(screen.queryByTestId(TEST_IDS.calibration.cell('kr-s1', '2026-01'))).toBeNull();
  });
});
