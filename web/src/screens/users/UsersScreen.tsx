// Admin user management: list, create, disable/enable, reset password. New and reset accounts
// must change their password at first login (the server enforces it).
import { useMemo, useState } from 'preact/hooks';
import type { Me, User } from '../../api/types';
import { listUsers, resetPassword, setUserActive } from '../../api/users';
import { Disclosure, EmptyState, ErrorState, Field, Loading, Notice, PageTitle, describeError } from '../../components/ui';
import { useAsync } from '../../components/useAsync';
import { formatDateTime, formatNumber, t, tn } from '../../i18n';
import { roleLabel } from '../../labels';
import { useWilayahRowNames } from '../../wilayahRows';
import { NamedList } from '../../components/WilayahName';
import type { ScreenProps } from '../../routes';
import { hasKept } from '../../components/kept';
import { CreateUserForm, createUserKey, generatePassword } from './CreateUserForm';

const PAGE = 50;

export default function UsersScreen({ me }: ScreenProps) {
  const res = useAsync(() => listUsers(), []);
  const [filter, setFilter] = useState('');
  const [shown, setShown] = useState(PAGE);
  const [notice, setNotice] = useState<{ text: string } | null>(null);
  // Open when the form holds input from before (a reload, a look elsewhere): it is not lost out of sight.
  const [createOpen, setCreateOpen] = useState(() => hasKept(createUserKey(me)));

  const users = res.state === 'ok' ? res.data : [];
  // Every user's regions named at once (a request per kecamatan at most), so the filter finds names too.
  const nameOf = useWilayahRowNames(users.flatMap((u) => u.wilayah));
  const filtered = useMemo(() => {
    const f = filter.trim().toLowerCase();
    if (!f) return users;
    return users.filter(
      (u) =>
        u.username.includes(f) ||
        u.nama.toLowerCase().includes(f) ||
        u.role === f ||
        roleLabel(u.role).toLowerCase().includes(f) ||
        u.wilayah.some((w) => w.startsWith(f) || nameOf(w).toLowerCase().includes(f)),
    );
  }, [users, filter, nameOf]);

  const replace = (u: User) => {
    if (res.state === 'ok') res.set(res.data.map((x) => (x.username === u.username ? u : x)));
  };

  return (
    <section>
      <PageTitle title={t('users.title')}>{t('users.title')}</PageTitle>
      {notice && (
        <Notice tone="ok" focus={notice}>
          {notice.text}
        </Notice>
      )}
      <Disclosure label={t('users.create')} open={createOpen} onToggle={setCreateOpen} class="create-user">
        <CreateUserForm
          me={me}
          onCreated={(u) => {
            if (res.state === 'ok') res.set([...res.data, u]);
            setCreateOpen(false);
            setNotice({ text: t('users.created', { username: u.username }) });
          }}
        />
      </Disclosure>

      {res.state === 'loading' ? (
        <Loading />
      ) : res.state === 'error' ? (
        <ErrorState error={res.error} onRetry={res.reload} />
      ) : (
        <section aria-labelledby="users-list-heading">
          <h2 id="users-list-heading">{t('users.listHeading', { n: formatNumber(users.length) })}</h2>
          <Field
            label={t('users.filter')}
            hint={t('users.filterHint')}
            value={filter}
            onValue={(v) => {
              setFilter(v);
              setShown(PAGE);
            }}
            type="search"
            autocomplete="off"
          />
          {filtered.length === 0 ? (
            <EmptyState title={users.length ? t('users.noMatch') : t('users.none')}>
              {users.length ? t('users.noMatchHint') : t('users.noneHint')}
            </EmptyState>
          ) : (
            <>
              <ul class="cards" aria-label={t('users.title')}>
                {filtered.slice(0, shown).map((u) => (
                  <UserCard key={u.username} user={u} me={me} nameOf={nameOf} onChange={replace} />
                ))}
              </ul>
              {filtered.length > shown && (
                <button type="button" class="btn btn-secondary" onClick={() => setShown(shown + PAGE)}>
                  {t('users.more', { n: formatNumber(filtered.length - shown) })}
                </button>
              )}
            </>
          )}
        </section>
      )}
    </section>
  );
}

function UserCard({
  user: u,
  me,
  nameOf,
  onChange,
}: {
  user: User;
  me: Me;
  nameOf: (kode: string) => string;
  onChange: (u: User) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The result of an action on this card is shown on the card, where the user is looking.
  const [done, setDone] = useState<{ text: string } | null>(null);
  const [resetOpen, setResetOpen] = useState(false);
  const locked = u.terkunci_sampai && new Date(u.terkunci_sampai) > new Date();
  const self = u.username === me.username;

  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      const nu = await setUserActive(u.username, !u.aktif);
      onChange(nu);
      setDone({ text: t(nu.aktif ? 'users.enabled' : 'users.disabled', { username: u.username }) });
      setConfirming(false);
    } catch (err) {
      setError(describeError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class={`card${u.aktif ? '' : ' is-off'}`}>
      <h3 class="card-title">
        {u.username}
        {u.nama && <span class="card-sub"> · {u.nama}</span>}
      </h3>
      <p class="card-meta">
        <span class="role-badge">{roleLabel(u.role)}</span>{' '}
        <span class="vh">{t('user.wilayah')}: </span>
        <NamedList codes={u.wilayah} nameOf={nameOf} />
      </p>
      <p class="badges">
        {u.aktif ? <span class="badge badge-ok">{t('users.active')}</span> : <span class="badge badge-off">{t('users.inactive')}</span>}
        {u.wajib_ganti_sandi && <span class="badge badge-warn">{t('users.mustChange')}</span>}
        {locked && <span class="badge badge-warn">{t('users.lockedUntil', { when: formatDateTime(u.terkunci_sampai) })}</span>}
      </p>
      {error && <Notice tone="error">{error}</Notice>}
      {done && (
        <Notice tone="ok" focus={done}>
          {done.text}
        </Notice>
      )}
      {!self && (
        <div class="card-actions">
          {u.aktif && !confirming ? (
            <button type="button" class="btn btn-secondary" onClick={() => setConfirming(true)}>
              {t('users.disable')}
            </button>
          ) : u.aktif ? (
            <div class="confirm" role="group" aria-label={t('users.disableConfirm', { username: u.username })}>
              <p>{t('users.disableConfirm', { username: u.username })}</p>
              <button type="button" class="btn btn-danger" disabled={busy} onClick={toggle}>
                {t('users.disableYes')}
              </button>{' '}
              <button type="button" class="btn btn-secondary" onClick={() => setConfirming(false)}>
                {t('action.cancel')}
              </button>
            </div>
          ) : (
            <button type="button" class="btn btn-secondary" disabled={busy} onClick={toggle}>
              {t('users.enable')}
            </button>
          )}
          <Disclosure label={t('users.reset')} open={resetOpen} onToggle={setResetOpen}>
            <ResetPasswordForm
              user={u}
              onDone={() => {
                setResetOpen(false);
                onChange({ ...u, wajib_ganti_sandi: true });
                setDone({ text: t('users.resetDone', { username: u.username }) });
              }}
            />
          </Disclosure>
        </div>
      )}
    </li>
  );
}

function ResetPasswordForm({ user, onDone }: { user: User; onDone: () => void }) {
  const [pw, setPw] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    if (pw.length < 10) {
      setError(tn('password.tooShort', 10));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await resetPassword(user.username, pw);
      onDone();
    } catch (err) {
      setError(describeError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate class="form form-inline-card">
      <p>{t('users.resetNote')}</p>
      <Field
        label={t('users.newPasswordFor', { username: user.username })}
        value={pw}
        onValue={setPw}
        error={error ?? undefined}
        type="text"
        autocomplete="off"
        spellcheck={false}
      />
      <div class="btn-row">
        <button type="button" class="btn btn-secondary" onClick={() => setPw(generatePassword())}>
          {t('users.generate')}
        </button>
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t('users.resetSubmit')}
        </button>
      </div>
    </form>
  );
}
