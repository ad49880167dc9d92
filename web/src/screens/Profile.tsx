// Own account: details and password change.
import { PageTitle } from '../components/ui';
import { formatDateTime, t } from '../i18n';
import { roleLabel, useWilayahNames } from '../labels';
import type { ScreenProps } from '../routes';
import { ChangePasswordForm } from './ChangePassword';

export function Profile({ me }: ScreenProps) {
  const names = useWilayahNames(me.wilayah);
  return (
    <section>
      <PageTitle title={t('profile.title')}>{t('profile.title')}</PageTitle>
      <dl class="details">
        <dt>{t('user.username')}</dt>
        <dd>{me.username}</dd>
        <dt>{t('user.nama')}</dt>
        <dd>{me.nama || <span class="muted">{t('profile.noName')}</span>}</dd>
        <dt>{t('user.role')}</dt>
        <dd>{roleLabel(me.role)}</dd>
        <dt>{t('user.wilayah')}</dt>
        <dd>
          <ul class="plain">
            {me.wilayah.map((k, i) => (
              <li key={k}>
                {names[i]} <span class="code">{k}</span>
              </li>
            ))}
          </ul>
        </dd>
        {me.dibuat_pada && (
          <>
            <dt>{t('profile.created')}</dt>
            <dd>{formatDateTime(me.dibuat_pada)}</dd>
          </>
        )}
      </dl>
      <p class="muted">{t('profile.scopeNote')}</p>
      <h2>{t('password.changeTitle')}</h2>
      <ChangePasswordForm />
    </section>
  );
}
