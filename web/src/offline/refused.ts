// What the field worker is told when the phone's storage refused to queue a form (no DOM: unit-tested
// in tests/web/refused.test.mjs). The queue stores a form's ops all or none (queue.ts enqueueAll), so
// the message can say plainly that nothing was saved, why, and that the input is still in the form.
import { t } from '../i18n';

/** What a form queues, as the message on a refusal names it. */
export type QueuedWhat = 'keluarga' | 'periksa' | 'kegiatan' | 'usulan' | 'ubah';

/**
 * The message when the device refused to queue `what`: nothing was saved, why (a full storage said
 * as such, anything else as the browser's storage failing, the browser's own English reason
 * beside it), that the input is still in the form, and what to do.
 */
export function refusedMessage(what: QueuedWhat, err: unknown): string {
  return t('field.err.device', { what: t(`field.err.what.${what}`), why: storageReason(err) });
}

/** Why the device's storage refused a write, in the user's language (see refusedMessage). */
export function storageReason(err: unknown): string {
  const name = err instanceof DOMException || err instanceof Error ? err.name : '';
  const detail = err instanceof DOMException || err instanceof Error ? err.message || name : String(err);
  return name === 'QuotaExceededError' ? t('field.err.storeFull', { detail }) : t('field.err.storeBroken', { detail });
}
