import { t } from '../i18n';
import { Link } from '../router/Link';

/** Supervisors: the way into the dashboard (/dasbor), which loads its charts and map on its own. */
export function DasborLinkPanel() {
  return (
    <>
      <p>{t('panel.dasbor.body')}</p>
      <p>
        <Link href="/dasbor">{t('panel.dasbor.open')}</Link>
      </p>
    </>
  );
}
