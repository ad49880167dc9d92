// Changing one's own password: forced after an admin created or reset the account (the server
// refuses everything else until then), and optional from the profile.
import { useState } from 'preact/hooks';
import { changePassword } from '../api/auth';
import { Field, Notice, PageTitle, describeError } from '../components/ui';
import { t, tn } from '../i18n';
import { refreshMe } from '../state/session';

const MIN_LENGTH = 10; // the server's policy (src/access/password.cpp); it also refuses common ones

export function ChangePasswordForm({ onDone }: { onDone?: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<{ current?: string; next?: string; confirm?: string }>({});
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const errs: typeof errors = {};
    if (!current) errs.current = t('password.currentRequired');
    if (next.length < MIN_LENGTH) errs.next = tn('password.tooShort', MIN_LENGTH);
    else if (next === current) errs.next = t('password.same');
    if (confirm !== next) errs.confirm = t('password.mismatch');
    setErrors(errs);
    if (Object.keys(errs).length) {
      setMessage({ tone: 'error', text: t('form.fixErrors') });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setConfirm('');
      setMessage({ tone: 'ok', text: t('password.changed') });
      await refreshMe();
      onDone?.();
    } catch (err) {
      const { message: text, field } = describeError(err);
      if (field === 'current_password') setErrors({ current: text });
      else if (field === 'new_password' || field === 'password') setErrors({ next: text });
      setMessage({ tone: 'error', text });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate class="form">
      {message && (
        <Notice tone={message.tone} focus={message.tone === 'error' ? message : undefined}>
          {message.text}
        </Notice>
      )}
      <Field
        label={t('password.current')}
        value={current}
        onValue={setCurrent}
        error={errors.current}
        type="password"
        autocomplete="current-password"
        required
      />
      <Field
        label={t('password.new')}
        value={next}
        onValue={setNext}
        error={errors.next}
        hint={tn('password.rules', MIN_LENGTH)}
        type="password"
        autocomplete="new-password"
        required
      />
      <Field
        label={t('password.confirm')}
        value={confirm}
        onValue={setConfirm}
        error={errors.confirm}
        type="password"
        autocomplete="new-password"
        required
      />
      <button type="submit" class="btn btn-primary" disabled={busy}>
        {t('password.submit')}
      </button>
    </form>
  );
}

export function ChangePasswordScreen({ forced }: { forced?: boolean }) {
  return (
    <section>
      <PageTitle title={t('password.forcedTitle')}>{t('password.forcedTitle')}</PageTitle>
      {forced && <p class="lede">{t('password.forcedBody')}</p>}
      <ChangePasswordForm />
    </section>
  );
}
