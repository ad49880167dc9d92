import { t } from '../i18n';
import { ScopeList } from '../components/ScopeList';
import type { PanelProps } from './panels';

/** Where this user works, with a way into the wilayah browser. */
export function ScopePanel({ me }: PanelProps) {
  if (!me.wilayah.length) return <p>{t('shell.noScope')}</p>;
  return <ScopeList codes={me.wilayah} />;
}
