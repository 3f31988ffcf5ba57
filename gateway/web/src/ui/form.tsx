import type { ComponentChildren } from 'preact';
import type { ApiError, FieldError } from '../api/client.js';
import { hasKey, type Translate, useI18n } from '../i18n/index.js';

/**
 * A field error in the interface language: the page's own words as they are, the server's by their
 * `code`, its English `message` only for a code this panel does not know.
 */
export function fieldErrorText(t: Translate, error: string | FieldError): string {
  if (typeof error === 'string') return error;
  const key = `fieldError.${error.code}`;
  return hasKey(key) ? t(key) : error.message;
}

/** A field error shown outside a `Field` (under a group of checkboxes). */
export function FieldMessage({ error }: { error: string | FieldError | undefined }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <span class="field-error" role="alert" data-code={typeof error === 'string' ? undefined : error.code}>
      {fieldErrorText(t, error)}
    </span>
  );
}

/** A labelled control with the message the server (or the page) gave for this field. */
export function Field(props: {
  label: string;
  error?: string | FieldError | undefined;
  hint?: string;
  children: ComponentChildren;
}) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control arrives as children
    <label class={`field${props.error ? ' invalid' : ''}`}>
      <span class="label">{props.label}</span>
      {props.children}
      {props.error ? <FieldMessage error={props.error} /> : props.hint ? <span class="hint">{props.hint}</span> : null}
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
