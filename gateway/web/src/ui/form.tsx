import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api/client.js';
import { hasKey, useI18n } from '../i18n/index.js';

/** A labelled control with the message the server (or the page) gave for this field. */
export function Field(props: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: ComponentChildren;
}) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control arrives as children
    <label class={`field${props.error ? ' invalid' : ''}`}>
      <span class="label">{props.label}</span>
      {props.children}
      {props.error ? (
        <span class="field-error" role="alert">
          {props.error}
        </span>
      ) : props.hint ? (
        <span class="hint">{props.hint}</span>
      ) : null}
    </label>
  );
}

/** The problem's title in the interface language (by its `code`), with the server's detail. */
export function ProblemMessage({ error, testid }: { error: ApiError | undefined; testid?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  const key = `problem.${error.code}`;
  return (
    <p class="problem" role="alert" data-testid={testid ?? 'problem'} data-code={error.code}>
      {hasKey(key) ? t(key) : error.detail}
    </p>
  );
}

/** The end of a form in a dialog: the server's refusal, Back, and the submit button. */
export function FormActions(props: {
  error: ApiError | undefined;
  busy: boolean;
  onBack(): void;
  label?: string;
  testid: string;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  return (
    <>
      <ProblemMessage error={props.error} />
      <div class="actions">
        <button type="button" onClick={props.onBack}>
          {t('action.back')}
        </button>
        <button type="submit" class="primary" disabled={props.busy || props.disabled} data-testid={props.testid}>
          {props.label ?? t('action.save')}
        </button>
      </div>
    </>
  );
}

/** A filter's picker; its empty choice (`allLabel`) means no filter. */
export function FilterSelect(props: {
  choices: readonly { value: string; label: string }[];
  value: string;
  onChange: (value: string) => void;
  allLabel: string;
  testid?: string;
}) {
  return (
    <select value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)} data-testid={props.testid}>
      <option value="">{props.allLabel}</option>
      {props.choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  );
}

/** A store picker; its empty choice (`allLabel`) means every store the user sees. */
export function StoreSelect(props: {
  stores: readonly { id: string; name: string }[];
  value: string;
  onChange: (storeId: string) => void;
  allLabel: string;
  testid: string;
}) {
  const { stores, ...rest } = props;
  return <FilterSelect choices={stores.map((s) => ({ value: s.id, label: s.name }))} {...rest} />;
}
