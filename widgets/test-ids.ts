/** Test ids of every widget in one place, shared by component tests, the gallery and end-to-end tests. */
export const TEST_IDS = {
  board: {
    root: 'alignment-board',
    column: (objectiveId: string) => `alignment-board-column-${objectiveId}`,
    tray: 'alignment-board-unlinked',
    card: (krId: string, sourceId: string) => `alignment-board-card-${sourceId}-${krId}`,
    dragHandle: (krId: string, sourceId: string) => `alignment-board-handle-${sourceId}-${krId}`,
    unlinkButton: (krId: string, objectiveId: string) => `alignment-board-unlink-${objectiveId}-${krId}`,
    regionFilter: 'alignment-board-region-filter',
    personFilter: 'alignment-board-person-filter',
    presence: 'alignment-board-presence',
    count: (columnId: string) => `alignment-board-count-${columnId}`,
  },
  map: { root: 'alignment-map', tree: 'alignment-map-tree' },
  calibration: {
    root: 'calibration-board',
    cell: (krId: string, month: string) => `calibration-cell-${krId}-${month}`,
    escalation: (escalationId: string) => `calibration-escalation-${escalationId}`,
    regionFilter: 'calibration-region-filter',
  },
  radar: { root: 'health-radar', mode: 'health-radar-mode' },
  pool: {
    root: 'pool-allocation',
    row: (personId: string) => `pool-row-${personId}`,
    statement: (personId: string) => `pool-statement-${personId}`,
  },
  metrics: {
    root: 'metrics-dashboard',
    stat: (metric: string) => `metrics-stat-${metric}`,
  },
  chart: 'echart',
} as const;

/** The sentinel id of the board's "unlinked" tray, used as a drag source and drop target. */
export const UNLINKED_ID = '__unlinked__';
