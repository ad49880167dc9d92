import { t } from '../i18n';
import { useWilayahNames } from '../labels';
import { Link } from '../router/Link';
import { wilayahHref } from '../router/links';
import type { PanelProps } from './panels';

/** Where this user works, with a way into the wilayah browser. */
export function ScopePanel({ me }: PanelProps) {
  const names = useWilayahNames(me.wilayah);
  if (!me.wilayah.length) return <p>{t('shell.noScope')}</p>;
  return (
    <ul class="list">
      {me.wilayah.map((k, i) => (
        <li key={k}>
          <Link href={wilayahHref(k)} class="list-link">
            <span class="list-main">{names[i]}</span>
            <span class="list-sub code">{k}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
