// Sign-in. Wrong password (401) and throttling (429, with Retry-After) show the server's words;
// an account an admin created or reset goes on to the forced password change.
import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { Field, Notice, PageTitle, describeError } from '../components/ui';
import { type MessageKey, t, tn } from '../i18n';
import { signIn } from '../state/session';

export function Login({ notice }: { notice?: MessageKey }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; hint?: string } | null>(null);
  const [missing, setMissing] = useState<{ username?: string; password?: string }>({});
  const userRef = useRef<HTMLInputElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const m = {
      username: username.trim() ? undefined : t('login.usernameRequired'),
      password: password ? undefined : t('login.passwordRequired'),
    };
    setMissing(m);
    if (m.username || m.password) {
      setError({ message: t('form.fixErrors') });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
      // The session store switches the page to the shell (or the forced password change).
    } catch (err) {
      const { message } = describeError(err);
      let hint: string | undefined;
      if (err instanceof ApiError) {
        if (err.status === 401) hint = t('login.hint.wrong');
        else if (err.status === 429)
          hint = err.retryAfter ? tn('login.hint.throttledFor', err.retryAfter) : t('login.hint.throttled');
        else if (err.status === 403) hint = t('login.hint.forbidden');
      }
      setError({ message, hint });
      setPassword('');
      setBusy(false);
    }
  };

  return (
    <section class="login">
      <PageTitle title={t('login.title')}>{t('login.title')}</PageTitle>
      <p class="lede">{t('login.lede')}</p>
      {notice && !error && <Notice tone="info">{t(notice)}</Notice>}
      {error && (
        <Notice tone="error" focus={error}>
          <p>{error.message}</p>
          {error.hint && <p>{error.hint}</p>}
        </Notice>
      )}
      <form onSubmit={submit} noValidate class="form">
        <Field
          label={t('login.username')}
          value={username}
          onValue={setUsername}
          error={missing.username}
          inputRef={userRef}
          name="username"
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          required
        />
        <Field
          label={t('login.password')}
          value={password}
          onValue={setPassword}
          error={missing.password}
          type="password"
          name="password"
          autocomplete="current-password"
          required
        />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
      </form>
      <p class="muted">{t('login.forgot')}</p>
    </section>
  );
}
