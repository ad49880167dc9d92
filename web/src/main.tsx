// Entry point: styles, the app, the service worker.
import { render } from 'preact';
import './styles/app.css';
import { App } from './app';
import { langStore, loadEnglish } from './i18n';
import { registerServiceWorker } from './pwa';

document.documentElement.lang = langStore.get();
const root = document.getElementById('app');
const start = () => {
  if (!root) return;
  root.textContent = '';
  render(<App />, root);
};
// English is a separate chunk: fetch it first when it was chosen, so the first paint is in it.
if (langStore.get() === 'en') loadEnglish().then(start, start);
else start();
registerServiceWorker();
