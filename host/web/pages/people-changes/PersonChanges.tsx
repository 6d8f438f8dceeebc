import { Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person, Region } from '../../../../plugin/domain/types.ts';
import { useApp } from '../../app/app-context.tsx';
import { type ChangeKind, PersonChangeModal } from './PersonChangeModal.tsx';

type Listed = Pick<Person, 'id' | 'name' | 'regionId' | 'managerId' | 'joinedOn' | 'leftOn'>;

/**
 * A person's tenure in the people list (joined / left on) and, for admin and hr, the buttons that
 * record a leave or a move.
 */
export function PersonChanges({
  person,
  people,
  regions,
  onChanged,
}: {
  person: Listed;
  people: Listed[];
  regions: Region[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { user } = useApp();
  const [kind, setKind] = useState<ChangeKind | null>(null);
  const mayChange = user.role === 'admin' || user.role === 'hr';
  if (person.leftOn)
    return (
      <Typography.Text type="secondary">{t('peopleChanges.leftOn', { date: person.leftOn })}</Typography.Text>
    );
  return (
    <Space size="small" wrap>
      {person.joinedOn ? (
        <Typography.Text type="secondary">
          {t('peopleChanges.joinedOn', { date: person.joinedOn })}
        </Typography.Text>
      ) : null}
      {mayChange ? (
        <>
          <Button size="small" onClick={() => setKind('move')}>
            {t('peopleChanges.move')}
          </Button>
          <Button size="small" danger onClick={() => setKind('leave')}>
            {t('peopleChanges.leave')}
          </Button>
          <PersonChangeModal
            kind={kind}
            person={kind ? person : null}
            people={people}
            regions={regions}
            onCancel={() => setKind(null)}
            onDone={() => {
              setKind(null);
              onChanged();
            }}
          />
        </>
      ) : null}
    </Space>
  );
}
