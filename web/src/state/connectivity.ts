// navigator.onLine as a store. It only knows whether the device has a network, not whether the
// server answers; failed requests say that themselves (ApiError.isNetwork).
import { Store } from './store';

export const onlineStore = new Store<boolean>(navigator.onLine);
window.addEventListener('online', () => onlineStore.set(true));
window.addEventListener('offline', () => onlineStore.set(false));
