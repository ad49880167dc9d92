// Small building blocks every screen uses, so states look and sound the same everywhere:
// page titles that take focus on navigation, loading / empty / error states that say what to do,
// form fields wired to their labels and errors.
import type { ComponentChildren, Ref } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { t } from '../i18n';
import { consumeTitleFocus } from '../router/router';

/** The page's one h1. Sets document.title; takes focus after in-app navigation. */
export function PageTitle({ children, title }: { children: ComponentChildren; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Pilar`;
  }, [title]);
  useEffect(() => {
    if (consumeTitleFocus()) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} class="page-title">
      {children}
    </h1>
  );
}

export function Loading({ label }: { label?: string }) {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {label ?? t('state.loading')}
    </p>
  );
}

/** A failed load: what went wrong (the server's words) and what the user can do about it. */
export function ErrorState({ error, onRetry, what }: { error: Error; onRetry?: () => void; what?: string }) {
  const network = error instanceof ApiError && error.isNetwork;
  const hint =
    error instanceof ApiError && error.status === 403
      ? t('error.hint.forbidden')
      : error instanceof ApiError && error.status === 404
        ? t('error.hint.notFound')
        : network
          ? t('error.hint.network')
          : t('error.hint.generic');
  return (
    <div class="state state-error" role="alert">
      <p class="state-title">{what ?? t('error.loadFailed')}</p>
      <p>{error.message}</p>
      <p class="state-hint">{hint}</p>
      {onRetry && (
        <button type="button" class="btn" onClick={onRetry}>
          {t('action.retry')}
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="state state-empty">
      <p class="state-title">{title}</p>
      {children && <div class="state-hint">{children}</div>}
    </div>
  );
}

/**
 * A message after an action. `tone` decides the colour; errors are announced assertively.
 * `focus`: pass the message's state object; each time it is a new object, focus moves here
 * (after a failed submit, or when the control the user pressed has gone away). Re-renders
 * with the same object, e.g. while the user types, leave focus alone.
 */
export function Notice({ tone, children, focus }: { tone: 'ok' | 'error' | 'info'; children: ComponentChildren; focus?: unknown }) {
  const ref = useRef<HTMLDivElement>(null);
  // A layout effect: focus moves in the same task that shows the message, so no keystroke typed
  // in between lands in the field the user just left, and the message is never shown unfocused.
  useLayoutEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <div ref={ref} tabIndex={focus ? -1 : undefined} class={`notice notice-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

let fieldSeq = 0;
export function useFieldId(prefix: string): string {
  const [id] = useState(() => `${prefix}-${++fieldSeq}`);
  return id;
}

type InputProps = {
  type?: 'text' | 'password' | 'search' | 'email' | 'tel' | 'date' | 'month';
  name?: string;
  autocomplete?: string;
  autocapitalize?: 'none' | 'off' | 'on' | 'sentences' | 'words' | 'characters';
  spellcheck?: boolean;
  required?: boolean;
  inputMode?: 'numeric' | 'decimal' | 'text' | 'search';
  pattern?: string;
  maxLength?: number;
  placeholder?: string;
  min?: string;
  max?: string;
  /** On commit (Enter, leaving the field, a value picked), where onValue is every keystroke. */
  onChange?: (e: Event) => void;
  label: string;
  value: string;
  onValue: (v: string) => void;
  error?: string;
  hint?: string;
  inputRef?: Ref<HTMLInputElement>;
};

/** Label, hint and error around one form control, tied to it with aria-describedby. */
function FieldFrame({ id, label, hint, error, children }: { id: string; label: string; hint?: string; error?: string; children: ComponentChildren }) {
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} class="field-hint">
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p id={`${id}-err`} class="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
}

/** A labelled input whose hint and error are tied to it with aria-describedby. */
export function Field({ label, value, onValue, error, hint, inputRef, type = 'text', ...rest }: InputProps) {
  const id = useFieldId('f');
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        ref={inputRef}
        // Preact 11 types <input> as a union keyed on `type`; the props above suit every member.
        type={type as 'text'}
        value={value}
        onInput={(e) => onValue((e.target as HTMLInputElement).value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...rest}
      />
    </FieldFrame>
  );
}

type TextareaProps = {
  label: string;
  value: string;
  onValue: (v: string) => void;
  error?: string;
  hint?: string;
  required?: boolean;
  rows?: number;
  inputRef?: Ref<HTMLTextAreaElement>;
};

export function TextArea({ label, value, onValue, error, hint, inputRef, ...rest }: TextareaProps) {
  const id = useFieldId('t');
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        ref={inputRef}
        value={value}
        onInput={(e) => onValue((e.target as HTMLTextAreaElement).value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...rest}
      />
    </FieldFrame>
  );
}

/** A labelled check box, its words beside it. */
export function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <div class="field field-check">
      <label>
        <input type="checkbox" checked={checked} onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)} /> {label}
      </label>
    </div>
  );
}

/** A button that shows/hides a region; the region is rendered only while open. */
export function Disclosure({
  label,
  children,
  open,
  onToggle,
  class: cls,
}: {
  label: string;
  children: ComponentChildren;
  open: boolean;
  onToggle: (open: boolean) => void;
  class?: string;
}) {
  const id = useFieldId('d');
  return (
    <div class={`disclosure ${cls ?? ''}`}>
      <button type="button" class="btn btn-secondary" aria-expanded={open} aria-controls={id} onClick={() => onToggle(!open)}>
        {label}
      </button>
      <div id={id} hidden={!open} class="disclosure-body">
        {open && children}
      </div>
    </div>
  );
}

/** Turns an exception into a message for the top of a form plus the field it is about. */
export function describeError(e: unknown): { message: string; field?: string } {
  if (e instanceof ApiError) return { message: e.message, field: e.field };
  return { message: e instanceof Error ? e.message : String(e) };
}
