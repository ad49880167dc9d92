// New account: username, name, role, scope (picked from the region tree at the level the role
// needs) and an initial password the admin hands over; the user must change it at first login.
// What is typed (username, name, role, area) is kept in the tab until the account is made or the
// admin signs out (components/kept.ts); the password never is — a restored form gets a new one.
import { useState } from 'preact/hooks';
import type { Me, Role, Tingkat, User } from '../../api/types';
import { ROLES } from '../../api/types';
import { createUser } from '../../api/users';
import { useKept } from '../../components/kept';
import { Field, Notice, describeError, useFieldId } from '../../components/ui';
import { WilayahPicker } from '../../components/WilayahPicker';
import { t, tn } from '../../i18n';
import { roleLabel, tingkatLabel } from '../../labels';

/** Level of region each role is assigned to (DESIGN.md "Who uses it"). */
const SCOPE_LEVEL: Record<Role, Tingkat> = {
  psm: 'rw',
  tksk: 'kecamatan',
  operator: 'kota',
  kepala: 'kota',
  admin: 'kota',
};

/** 16 characters from an alphabet without look-alikes (0/O, 1/l), grouped for reading aloud. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let s = '';
  bytes.forEach((b, i) => {
    if (i && i % 4 === 0) s += '-';
    s += alphabet[b % alphabet.length]; // 256 % 31 bias is negligible for a one-time password
  });
  return s;
}

/** Where the form's input is kept (UsersScreen opens the form when something is). */
export const createUserKey = (me: Me) => `${me.username}.users.baru`;

interface Kept {
  username: string;
  nama: string;
  role: Role;
  wilayah: string[];
}

export function CreateUserForm({ me, onCreated }: { me: Me; onCreated: (u: User) => void }) {
  const kotaScope = me.wilayah.filter((k) => k.split('.').length === 2);
  const [form, setForm, forget, restored] = useKept<Kept>(createUserKey(me), { username: '', nama: '', role: 'psm', wilayah: [] });
  const { username, nama, role, wilayah } = form;
  const setUsername = (v: string) => setForm((f) => ({ ...f, username: v }));
  const setNama = (v: string) => setForm((f) => ({ ...f, nama: v }));
  const setWilayah = (v: string[]) => setForm((f) => ({ ...f, wilayah: v }));
  // Not kept: a password in the tab's storage would outlive the form (it is handed over once).
  const [password, setPassword] = useState(() => generatePassword());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const roleId = useFieldId('role');

  // Kota-wide roles default to the admin's own kota; the others pick their RW / kecamatan.
  const changeRole = (r: Role) => setForm((f) => ({ ...f, role: r, wilayah: SCOPE_LEVEL[r] === 'kota' ? kotaScope : [] }));

  const submit = async (e: Event) => {
    e.preventDefault();
    const errs: Record<string, string> = {};
    // What is wrong, not the rule again (the hint above the field already says it).
    if (!username) errs.username = t('users.usernameRequired');
    else if (!/^[a-z0-9._-]{3,64}$/.test(username)) errs.username = t('users.usernameInvalid');
    if (password.length < 10) errs.password = tn('password.tooShort', 10);
    if (!wilayah.length) errs.wilayah = t('users.wilayahRequired', { level: tingkatLabel(SCOPE_LEVEL[role]) });
    setErrors(errs);
    if (Object.keys(errs).length) {
      setMessage({ text: t('form.fixErrors') });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const u = await createUser({ username, nama: nama.trim() || undefined, role, password, wilayah });
      forget();
      onCreated(u);
    } catch (err) {
      const { message: m, field } = describeError(err);
      if (field) setErrors({ [field]: m });
      setMessage({ text: m });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate class="form form-inline-card">
      {restored && <Notice tone="info">{t('users.kept')}</Notice>}
      {message && (
        <Notice tone="error" focus={message}>
          {message.text}
        </Notice>
      )}
      <Field
        label={t('user.username')}
        hint={t('users.usernameRule')}
        value={username}
        onValue={(v) => setUsername(v.toLowerCase())}
        error={errors.username}
        autocomplete="off"
        autocapitalize="none"
        spellcheck={false}
        required
      />
      <Field label={t('user.nama')} value={nama} onValue={setNama} error={errors.nama} autocomplete="off" />
      <div class="field">
        <label for={roleId}>{t('user.role')}</label>
        <select id={roleId} value={role} onChange={(e) => changeRole((e.target as HTMLSelectElement).value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </select>
      </div>
      <WilayahPicker
        level={SCOPE_LEVEL[role]}
        under={kotaScope[0]}
        value={wilayah}
        onChange={setWilayah}
        error={errors.wilayah}
        multiple={role === 'psm'}
      />
      <Field
        label={t('users.initialPassword')}
        hint={t('users.initialPasswordHint')}
        value={password}
        onValue={setPassword}
        error={errors.password}
        type="text"
        autocomplete="off"
        spellcheck={false}
      />
      <div class="btn-row">
        <button type="button" class="btn btn-secondary" onClick={() => setPassword(generatePassword())}>
          {t('users.generate')}
        </button>
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {t('users.createSubmit')}
        </button>
      </div>
    </form>
  );
}
