import { t, type MessageKey } from '../i18n';
import type { PanelProps } from './panels';

/** Says what this role will find here once the next capabilities land, instead of a blank page. */
export function NextPanel({ me }: PanelProps) {
  return <p>{t(`panel.next.${me.role}` as MessageKey)}</p>;
}
