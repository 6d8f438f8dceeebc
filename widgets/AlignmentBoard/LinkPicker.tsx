import { Button, Checkbox, Drawer, Empty, InputNumber, List, message, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { LINK_WEIGHT } from '../../plugin/domain/link-weight.ts';
import type { Id, Objective } from '../../plugin/domain/types.ts';
import type { WidgetT } from '../shared/i18n.ts';
import { NEUTRAL } from '../shared/palette.ts';
import { type AlignmentCard, proposedLinkWeight } from './board-model.ts';

/** Intent callbacks of the board; `false` means the host could not send it (board offline). */
export type LinkFn = (krId: Id, objectiveId: Id, weight: number) => unknown;
export type UnlinkFn = (krId: Id, objectiveId: Id) => unknown;

export interface LinkPickerProps {
  /** The KR being linked; null keeps the drawer closed. */
  card: AlignmentCard | null;
  objectives: Objective[];
  /** KRs on the board per objective id, as the columns count them. */
  krCounts: ReadonlyMap<Id, number>;
  /** Names of people by id (objective owners); an unknown owner is left out rather than shown as an id. */
  names?: Readonly<Record<Id, string>>;
  /** Bottom sheet on a phone, side drawer on a desktop. */
  placement: 'bottom' | 'right';
  t: WidgetT;
  onLink?: LinkFn;
  onUnlink?: UnlinkFn;
  onClose: () => void;
}

/** The weights the link command accepts, on the board channel as over HTTP. */
const { minimum: MIN_WEIGHT, maximum: MAX_WEIGHT } = LINK_WEIGHT;

type Choice = { picked: boolean; weight: number };

function initialChoices(card: AlignmentCard | null, objectives: Objective[]): Map<Id, Choice> {
  const choices = new Map<Id, Choice>();
  if (!card) return choices;
  const fresh = proposedLinkWeight(card.kr);
  for (const objective of objectives) {
    const link = card.kr.links.find((l) => l.objectiveId === objective.id);
    choices.set(
      objective.id,
      link ? { picked: true, weight: link.weight } : { picked: false, weight: fresh },
    );
  }
  return choices;
}

/**
 * "Link to…": the cycle's objectives with owner and KR count; tick one or several with a weight and
 * save, or unlink one. It sends the same link/unlink intents as a drag on the board.
 */
export function LinkPicker({
  card,
  objectives,
  krCounts,
  names = {},
  placement,
  t,
  onLink,
  onUnlink,
  onClose,
}: LinkPickerProps) {
  const [choices, setChoices] = useState(() => initialChoices(card, objectives));
  // A new KR, or its links changing live under the drawer, starts again from what is stored; a parent
  // re-render (presence, another card) keeps what the user ticked.
  const resetKey = `${card?.kr.id ?? ''}|${(card?.kr.links ?? []).map((l) => `${l.objectiveId}=${l.weight}`).join()}|${objectives.map((o) => o.id).join()}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: resetKey names everything the choices start from
  useEffect(() => setChoices(initialChoices(card, objectives)), [resetKey]);

  const linkedWeight = useMemo(
    () => new Map((card?.kr.links ?? []).map((l) => [l.objectiveId, l.weight])),
    [card?.kr.links],
  );
  const changes = objectives.filter((o) => {
    const choice = choices.get(o.id);
    if (!choice?.picked) return false;
    return linkedWeight.get(o.id) !== choice.weight;
  });

  const set = (id: Id, patch: Partial<Choice>) =>
    setChoices((old) => {
      const next = new Map(old);
      const current = next.get(id) ?? { picked: false, weight: MAX_WEIGHT };
      next.set(id, { ...current, ...patch });
      return next;
    });

  const save = () => {
    if (!card) return;
    let sent = true;
    for (const objective of changes) {
      const weight = choices.get(objective.id)?.weight ?? MAX_WEIGHT;
      if (onLink?.(card.kr.id, objective.id, weight) === false) sent = false;
    }
    if (!sent) {
      void message.error(t('board.picker.offline'));
      return;
    }
    void message.success(
      t('board.picker.saved', { title: card.kr.title, objectives: changes.map((o) => o.title).join('、') }),
    );
    onClose();
  };

  const unlink = (objective: Objective) => {
    if (!card) return;
    if (onUnlink?.(card.kr.id, objective.id) === false) {
      void message.error(t('board.picker.offline'));
      return;
    }
    void message.success(t('board.picker.unlinked', { title: card.kr.title, objective: objective.title }));
  };

  return (
    <Drawer
      open={card !== null}
      placement={placement}
      title={t('board.picker.title')}
      onClose={onClose}
      // A bottom sheet takes most of a phone's height; the list scrolls inside it.
      height={placement === 'bottom' ? '80%' : undefined}
      width={placement === 'right' ? 420 : undefined}
      destroyOnHidden
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('board.picker.cancel')}</Button>
          <Button type="primary" disabled={changes.length === 0} onClick={save}>
            {changes.length === 0 ? t('board.picker.nothingChanged') : t('board.picker.save')}
          </Button>
        </Space>
      }
    >
      {card ? (
        <>
          <Typography.Paragraph strong style={{ marginBottom: 4 }}>
            {card.kr.title}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('board.picker.weightHelp')}
          </Typography.Paragraph>
          {objectives.length === 0 ? (
            <Empty description={t('board.picker.empty')} />
          ) : (
            <List
              dataSource={objectives}
              renderItem={(objective) => {
                const choice = choices.get(objective.id) ?? { picked: false, weight: MAX_WEIGHT };
                const linked = linkedWeight.has(objective.id);
                const owner = names[objective.ownerId];
                return (
                  <List.Item
                    aria-label={objective.title}
                    style={{ flexWrap: 'wrap', gap: 8, alignItems: 'flex-start' }}
                  >
                    <Checkbox
                      checked={choice.picked}
                      // A stored link is removed with its own button, so a tick never silently drops it.
                      disabled={linked}
                      onChange={(e) => set(objective.id, { picked: e.target.checked })}
                      style={{ flex: '1 1 200px', minWidth: 0 }}
                    >
                      <div style={{ fontWeight: 600 }}>{objective.title}</div>
                      <div style={{ color: NEUTRAL.muted, fontSize: 12 }}>
                        {[
                          owner ? t('board.picker.owner', { owner }) : null,
                          t('board.picker.krCount', { count: krCounts.get(objective.id) ?? 0 }),
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                        {linked ? (
                          <Tag color="blue" style={{ marginInlineStart: 6 }}>
                            {t('board.picker.linked')}
                          </Tag>
                        ) : null}
                      </div>
                    </Checkbox>
                    <Space>
                      <InputNumber
                        aria-label={t('board.picker.weightOf', { objective: objective.title })}
                        min={MIN_WEIGHT}
                        max={MAX_WEIGHT}
                        precision={0}
                        suffix="%"
                        style={{ width: 110 }}
                        disabled={!choice.picked}
                        value={choice.weight}
                        onChange={(value) => {
                          if (typeof value === 'number') set(objective.id, { weight: value });
                        }}
                      />
                      {linked ? (
                        <Button
                          danger
                          size="small"
                          aria-label={t('board.picker.unlinkOf', { objective: objective.title })}
                          onClick={() => unlink(objective)}
                        >
                          {t('board.picker.unlink')}
                        </Button>
                      ) : null}
                    </Space>
                  </List.Item>
                );
              }}
            />
          )}
        </>
      ) : null}
    </Drawer>
  );
}
