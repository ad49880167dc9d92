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
// The first render runs in a task of its own, not in the bundle's evaluation: with nothing left
// to load, the page's load event (and the layout the browser does with it) follows the
// evaluation in the same task, and the three together made one long task on a slow phone.
if (langStore.get() === 'en') loadEnglish().then(start, start);
else setTimeout(start, 0);
registerServiceWorker();
