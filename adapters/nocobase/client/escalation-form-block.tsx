import { useAPIClient } from '@nocobase/client';
import { Alert, Button, Descriptions, Form, Input, Select, Space, Spin, Table, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormRecord } from '../../../forms/runtime/behaviours/index.ts';
import type { FormContext } from '../../../forms/runtime/form-context.ts';
import { PackForm } from '../../../forms/runtime/react/pack-form.tsx';
import { cycleMonths } from '../../../plugin/domain/dates.ts';
import type { Escalation, KeyResult, Person } from '../../../plugin/domain/types.ts';
import { can, type HostUser, type Subject } from '../../../plugin/sdk/index.ts';
import type { BoardData } from './board-data.ts';
import { Frame, Outcome, useFormBlock } from './form-block-parts.tsx';
import { LOCALE_NS } from './locale-ns.ts';
import {
  ESCALATION_REASONS,
  escalationsInOrder,
  PACK_FORM_ACTIONS,
  refusingConflicts,
  resolutionRequests,
} from './pack-form-requests.ts';
import { useWidgetLocale } from './use-board-data.ts';
import { usePackUser } from './use-pack-user.ts';

/** `data-testid`s of the escalation block, for the browser check. */
export const ESCALATION_TEST_IDS = {
  block: 'okr-align-escalation-form',
  list: 'okr-align-escalation-list',
  raise: 'okr-align-escalation-raise',
} as const;

type Assignee = Pick<Person, 'id' | 'name' | 'role' | 'regionId'>;

/** Ownership facts of a KR for the policy, from the board's people (the server checks the same). */
function subjectOf(kr: KeyResult | undefined, data: BoardData): Subject {
  if (!kr) return { type: 'escalation' };
  const personal = kr.ownerType === 'person';
  const owner = personal ? data.snapshot.people.find((p) => p.id === kr.ownerId) : undefined;
  return {
    type: 'escalation',
    ownerPersonId: personal ? kr.ownerId : null,
    regionId: personal ? (owner?.regionId ?? null) : kr.ownerId,
  };
}

/** People the server accepts as assignees of one escalation (`okrAlign:escalationAssignees`). */
function useAssignees(escalationId: string | undefined, generation: number): Assignee[] | null {
  const api = useAPIClient();
  // Null until the list of this escalation is in: the form waits for it rather than being rebuilt
  // (and losing what was typed) when it arrives.
  const [loaded, setLoaded] = useState<{ id: string; list: Assignee[] } | null>(null);
  useEffect(() => {
    let live = true;
    void generation;
    if (!escalationId) return;
    api
      .request<Assignee[]>({
        url: PACK_FORM_ACTIONS.escalationAssignees,
        method: 'post',
        data: { id: escalationId },
        skipNotify: true,
      })
      .then((res) => live && setLoaded({ id: escalationId, list: res.data.data }))
      .catch(() => live && setLoaded({ id: escalationId, list: [] }));
    return () => {
      live = false;
    };
  }, [api, escalationId, generation]);
  return loaded && loaded.id === escalationId ? loaded.list : null;
}

function RaiseForm(props: {
  data: BoardData;
  me: HostUser;
  onRaise: (body: Record<string, unknown>) => void;
}) {
  const { t } = useTranslation(LOCALE_NS);
  const { data, me } = props;
  const krs = data.snapshot.keyResults.filter((k) => can(me, 'create', subjectOf(k, data)));
  const months = cycleMonths(data.snapshot.cycle);
  if (krs.length === 0) return null;
  return (
    <Form
      data-testid={ESCALATION_TEST_IDS.raise}
      layout="inline"
      style={{ marginBottom: 16, rowGap: 8 }}
      initialValues={{ krId: krs[0]?.id, month: months.at(-1), reason: 'blocker' }}
      onFinish={(values: Record<string, unknown>) => props.onRaise(values)}
    >
      <Form.Item name="krId" label={t('escalations.kr')} rules={[{ required: true }]}>
        <Select
          style={{ minWidth: 220 }}
          showSearch
          optionFilterProp="label"
          options={krs.map((k) => ({ value: k.id, label: k.title }))}
        />
      </Form.Item>
      <Form.Item name="month" label={t('escalations.month')} rules={[{ required: true }]}>
        <Select style={{ minWidth: 110 }} options={months.map((m) => ({ value: m, label: m }))} />
      </Form.Item>
      <Form.Item name="reason" label={t('escalations.reason')} rules={[{ required: true }]}>
        <Select
          style={{ minWidth: 140 }}
          options={ESCALATION_REASONS.map((r) => ({ value: r, label: t(`escalations.reasons.${r}`) }))}
        />
      </Form.Item>
      <Form.Item name="detail" label={t('escalations.detail')}>
        <Input.TextArea autoSize maxLength={4000} style={{ minWidth: 220 }} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit">
          {t('escalations.raise')}
        </Button>
      </Form.Item>
    </Form>
  );
}

/**
 * Escalations the user may see (open first): a rep or manager raises one on a KR they may write; the
 * region's manager, hr or an admin assigns it and the assignee or manager resolves it with the pack's
 * resolution form. The server checks the policy again and stamps the resolution time.
 */
export function OkrEscalationFormBlock() {
  const api = useAPIClient();
  const lang = useWidgetLocale();
  const { t } = useTranslation(LOCALE_NS);
  const { data, error, outcome, run, renew, generation } = useFormBlock();
  const me = usePackUser();
  const [chosenId, setChosenId] = useState<string | null>(null);
  const escalations = useMemo(() => escalationsInOrder(data?.snapshot.escalations ?? []), [data]);
  const chosen = escalations.find((e) => e.id === chosenId) ?? escalations[0];
  const assignees = useAssignees(chosen?.resolvedAt === null ? chosen.id : undefined, generation);
  const names = useMemo(
    () => new Map((data?.snapshot.people ?? []).map((p) => [p.id, p.name] as const)),
    [data],
  );
  const krOf = (e: Escalation | undefined) => data?.snapshot.keyResults.find((k) => k.id === e?.krId);
  const subject = data ? subjectOf(krOf(chosen), data) : null;
  const mayAssign = !!(me && subject && can(me, 'assign', subject));
  const mayResolve = !!(
    me &&
    subject &&
    chosen &&
    (chosen.assigneeId === me.personId || can(me, 'resolve', subject))
  );
  const context = useMemo<FormContext | null>(() => {
    if (!data || !chosen) return null;
    if (mayAssign && !assignees) return null;
    const people: { label: string; value: string }[] = mayAssign
      ? (assignees ?? []).map((p) => ({ label: p.name, value: p.id }))
      : chosen.assigneeId
        ? [{ label: names.get(chosen.assigneeId) ?? chosen.assigneeId, value: chosen.assigneeId }]
        : [];
    return { settings: data.settings, lang, escalation: chosen, options: { people } };
  }, [data, chosen, lang, assignees, mayAssign, names]);

  const post = async (url: string, body: unknown) => {
    await api.request({ url, method: 'post', data: body, skipNotify: true });
  };
  const resolve = (record: FormRecord<'escalation-resolution'>) =>
    run(() =>
      refusingConflicts(async () => {
        for (const r of resolutionRequests(record, chosen!)) await post(r.url, r.data);
        return undefined;
      }),
    );
  const raise = (body: Record<string, unknown>) =>
    run(() =>
      refusingConflicts(async () => {
        await post(PACK_FORM_ACTIONS.raiseEscalation, body);
        return undefined;
      }),
    );

  return (
    <Frame testId={ESCALATION_TEST_IDS.block} title={t('forms.escalation')} error={error} loading={!data}>
      {data && me && <RaiseForm data={data} me={me} onRaise={raise} />}
      {escalations.length === 0 ? (
        <Alert type="info" message={t('escalations.none')} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Table<Escalation>
            data-testid={ESCALATION_TEST_IDS.list}
            size="small"
            rowKey="id"
            pagination={{ pageSize: 8 }}
            dataSource={escalations}
            rowSelection={{
              type: 'radio',
              selectedRowKeys: chosen ? [chosen.id] : [],
              onChange: (keys) => setChosenId(String(keys[0])),
            }}
            onRow={(e) => ({ onClick: () => setChosenId(e.id) })}
            columns={[
              {
                title: t('escalations.state'),
                key: 'state',
                render: (_, e) =>
                  e.resolvedAt ? (
                    <Tag color="green">{t('escalations.resolved')}</Tag>
                  ) : (
                    <Tag color="orange">{t('escalations.open')}</Tag>
                  ),
              },
              { title: t('escalations.kr'), key: 'kr', render: (_, e) => krOf(e)?.title ?? e.krId },
              {
                title: t('escalations.raisedBy'),
                key: 'by',
                render: (_, e) => names.get(e.raisedById) ?? e.raisedById,
              },
              { title: t('escalations.month'), dataIndex: 'month' },
              {
                title: t('escalations.reason'),
                key: 'reason',
                render: (_, e) => t(`escalations.reasons.${e.reason}`),
              },
              {
                title: t('escalations.assignee'),
                key: 'assignee',
                render: (_, e) => (e.assigneeId ? (names.get(e.assigneeId) ?? e.assigneeId) : '—'),
              },
            ]}
          />
          {chosen?.resolvedAt ? (
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('escalations.detail')}>{chosen.detail || '—'}</Descriptions.Item>
              <Descriptions.Item label={t('escalations.resolution')}>{chosen.resolution}</Descriptions.Item>
              <Descriptions.Item label={t('escalations.resolvedAt')}>
                {new Date(chosen.resolvedAt).toLocaleString(lang)}
              </Descriptions.Item>
            </Descriptions>
          ) : chosen && mayResolve ? (
            context ? (
              <PackForm
                key={`${chosen.id}:${generation}`}
                formId="escalation-resolution"
                context={context}
                onSubmit={resolve}
              />
            ) : (
              <Spin />
            )
          ) : (
            <Alert type="info" message={t('escalations.notYours')} />
          )}
        </Space>
      )}
      {outcome && <Outcome outcome={outcome} onReload={renew} />}
    </Frame>
  );
}
