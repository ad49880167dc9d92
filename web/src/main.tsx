// Entry point: styles, the app, the service worker.
import { render } from 'preact';
import './styles/app.css';
import { App } from './app';
import { langStore } from './i18n';
import { registerServiceWorker } from './pwa';

document.documentElement.lang = langStore.get();
const root = document.getElementById('app');
if (root) {
  root.textContent = '';
  render(<App />, root);
}
registerServiceWorker();
