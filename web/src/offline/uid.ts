// Client-generated ids for ops and new records. crypto.randomUUID() needs a secure context
// (HTTPS or localhost); a phone on a plain-HTTP office network gets the same v4 format from
// crypto.getRandomValues, which every browser has.
export function newUid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** This device's id, made once and kept: the server records which device sent each op. */
export function deviceId(): string {
  const KEY = 'pilar.perangkat';
  try {
    let id = localStorage.getItem(KEY);
    if (!id) {
      id = newUid();
      localStorage.setItem(KEY, id);
    }
    return id;
  } catch {
    return '';
  }
}
