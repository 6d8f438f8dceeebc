import { Alert, Button, Input, Space } from 'antd';
import { useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Id, Objective } from '../../plugin/domain/types.ts';
import type { AlignmentCard } from '../AlignmentBoard/board-model.ts';
import { useWidgetT, type WidgetLocale, type WidgetT } from '../shared/i18n.ts';
import { NEUTRAL } from '../shared/palette.ts';
import { TEST_IDS } from '../test-ids.ts';
import { MapCard } from './MapCard.tsx';
import {
  allGroupKeys,
  buildMapTree,
  defaultOpen,
  type KrStatus,
  type MapNode,
  searchTree,
} from './map-tree.ts';

export { buildMapTree, type KrStatus, type MapNode, searchTree } from './map-tree.ts';

export interface AlignmentMapProps {
  objectives: Objective[];
  /** The same cards the alignment board gets. */
  cards: AlignmentCard[];
  /** Progress and colour per KR id, when the host has them. */
  status?: Readonly<Record<Id, KrStatus>>;
  locale?: WidgetLocale;
  /** Opens a KR's detail (the host's drawer or page). */
  onOpenKr?: (krId: Id) => void;
  /** Height of the scrolling area in pixels. */
  height?: number;
}

const LINE = `2px solid ${NEUTRAL.border}`;

function Branch(props: {
  node: MapNode;
  open: ReadonlySet<string>;
  toggle: (key: string) => void;
  t: WidgetT;
  onOpenKr?: (krId: Id) => void;
}) {
  const { node, open } = props;
  const expanded = open.has(node.key) && node.children.length > 0;
  return (
    <div style={{ display: 'flex', alignItems: 'center' }}>
      <MapCard
        node={node}
        open={expanded}
        t={props.t}
        onToggle={() => props.toggle(node.key)}
        onOpenKr={props.onOpenKr}
      />
      {expanded && (
        <>
          <span aria-hidden style={{ width: 20, borderTop: LINE, flex: 'none' }} />
          <div
            style={{ display: 'flex', flexDirection: 'column', gap: 8, borderLeft: LINE, padding: '4px 0' }}
          >
            {node.children.map((child) => (
              <div key={child.key} style={{ display: 'flex', alignItems: 'center' }}>
                <span aria-hidden style={{ width: 16, borderTop: LINE, flex: 'none' }} />
                <Branch {...props} node={child} />
              </div>
            ))}
          </div>
        </>
      )}
    </div>
  );
}

/**
 * The alignment tree people open first at a calibration: strategic Objective → region → person → KR
 * as cards with progress, colour and alignment score; levels fold, search narrows, the view fits the
 * screen and saves as a picture.
 */
export function AlignmentMap({
  objectives,
  cards,
  status,
  locale,
  onOpenKr,
  height = 560,
}: AlignmentMapProps) {
  const t = useWidgetT(locale);
  const tree = useMemo(
    () => buildMapTree(objectives, cards, status, { unlinked: t('map.unaligned'), hq: t('map.noRegion') }),
    [objectives, cards, status, t],
  );
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<Set<string> | null>(null);
  const [fit, setFit] = useState(false);
  const [scale, setScale] = useState(1);
  const [exporting, setExporting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const viewport = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);

  // Typing stays quick on a large tree: the narrowed tree follows a moment later.
  const searched = useDeferredValue(query);
  const found = useMemo(() => searchTree(tree, searched), [tree, searched]);
  const baseOpen = open ?? defaultOpen(tree);
  const shownOpen = searched.trim() ? new Set([...baseOpen, ...found.open]) : baseOpen;
  const toggle = (key: string) => {
    const next = new Set(shownOpen);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    setOpen(next);
  };

  useLayoutEffect(() => {
    const box = viewport.current;
    const inner = content.current;
    if (!fit || !box || !inner) return setScale(1);
    setScale(Math.min(1, box.clientWidth / inner.scrollWidth, box.clientHeight / inner.scrollHeight));
  });

  const exportImage = async () => {
    if (!content.current) return;
    setExporting(true);
    setProblem(null);
    try {
      const { downloadAsPng } = await import('./export-image.ts');
      await downloadAsPng(content.current, t('map.fileName'));
    } catch (e) {
      setProblem(t('map.exportFailed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setExporting(false);
    }
  };

  return (
    <section data-testid={TEST_IDS.map.root} aria-label={t('map.aria')}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Input.Search
          allowClear
          placeholder={t('map.search')}
          aria-label={t('map.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          style={{ width: 260 }}
        />
        <Button onClick={() => setOpen(allGroupKeys(tree))}>{t('map.expandAll')}</Button>
        <Button onClick={() => setOpen(new Set())}>{t('map.collapseAll')}</Button>
        <Button aria-pressed={fit} onClick={() => setFit((f) => !f)}>
          {fit ? t('map.actualSize') : t('map.fit')}
        </Button>
        <Button loading={exporting} onClick={() => void exportImage()}>
          {exporting ? t('map.exporting') : t('map.export')}
        </Button>
      </Space>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 8 }} />}
      <div
        ref={viewport}
        style={{
          height,
          overflow: fit ? 'hidden' : 'auto',
          border: `1px solid ${NEUTRAL.border}`,
          borderRadius: 8,
          background: NEUTRAL.surface,
        }}
      >
        {found.nodes.length === 0 ? (
          <div style={{ padding: 16, color: NEUTRAL.muted }}>
            {searched ? t('map.noMatch', { query: searched }) : t('map.empty')}
          </div>
        ) : (
          <div
            ref={content}
            data-testid={TEST_IDS.map.tree}
            style={{
              display: 'inline-flex',
              flexDirection: 'column',
              gap: 16,
              padding: 16,
              background: NEUTRAL.surface,
              transform: scale < 1 ? `scale(${scale})` : undefined,
              transformOrigin: 'top left',
            }}
          >
            {found.nodes.map((node) => (
              <Branch key={node.key} node={node} open={shownOpen} toggle={toggle} t={t} onOpenKr={onOpenKr} />
            ))}
          </div>
        )}
      </div>
    </section>
  );
}

export default AlignmentMap;
