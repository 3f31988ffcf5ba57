import { useI18n } from '../i18n/index.js';
import { ConfirmDialog } from './dialog.js';

/** Edit and deactivate/reactivate, for a row of stores or tills. */
export function EditAndToggle(props: { active: boolean; onEdit(): void; onToggle(): void; testid: string }) {
  const { t } = useI18n();
  return (
    <>
      <button type="button" onClick={props.onEdit} data-testid={`${props.testid}-edit`}>
        {t('action.edit')}
      </button>
      <button type="button" onClick={props.onToggle} data-testid={`${props.testid}-toggle`}>
        {props.active ? t('action.deactivate') : t('action.reactivate')}
      </button>
    </>
  );
}

/** Asks before turning something off (or on again), with the sentence that says what follows. */
export function ToggleDialog(props: { active: boolean; message: string; onConfirm(): Promise<void>; onClose(): void }) {
  const { t } = useI18n();
  const label = props.active ? t('action.deactivate') : t('action.reactivate');
  return (
    <ConfirmDialog
      title={label}
      message={props.message}
      confirmLabel={label}
      danger={props.active}
      onConfirm={props.onConfirm}
      onClose={props.onClose}
    />
  );
}
