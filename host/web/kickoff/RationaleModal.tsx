import { Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BoardKr } from './board-state.ts';

export interface RationaleModalProps {
  /** Null: closed. */
  editing: BoardKr | null;
  draft: string;
  onDraft: (draft: string) => void;
  onSave: () => void;
  onCancel: () => void;
}

/** A rep's rationale editor, from "my KRs" or a `?act=rationale` link; it sends over the board channel. */
export function RationaleModal({ editing, draft, onDraft, onSave, onCancel }: RationaleModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      open={editing !== null}
      title={t('kickoff.editRationale')}
      onCancel={onCancel}
      onOk={onSave}
      // A written rationale is edited, never emptied (the server refuses it: rationale-required).
      okButtonProps={{ disabled: (editing?.rationale.trim() ?? '') !== '' && draft.trim() === '' }}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
    >
      <Typography.Paragraph strong>{editing?.title}</Typography.Paragraph>
      <Input.TextArea
        rows={5}
        value={draft}
        onChange={(e) => onDraft(e.target.value)}
        aria-label={t('kickoff.rationale')}
      />
    </Modal>
  );
}
