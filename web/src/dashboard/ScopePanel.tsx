import { t } from '../i18n';
import { ScopeList } from '../components/ScopeList';
import { wilayahLongName } from '../labels';
import type { PanelProps } from './panels';

/** The scope's names, fetched with the other panels' data (ScopeList then draws them at once). */
export const scopeNames = ({ me }: PanelProps) => Promise.all(me.wilayah.map((k) => wilayahLongName(k).catch(() => k)));

/** Where this user works, with a way into the wilayah browser. */
export function ScopePanel({ me }: PanelProps) {
  if (!me.wilayah.length) return <p>{t('shell.noScope')}</p>;
  return <ScopeList codes={me.wilayah} />;
}
