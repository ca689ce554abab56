import './app/mantine-styles';
import './app/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { askStartData } from './lib/start-data';

/** At most this long the first render waits for the session and the first members page (issue 16). */
const FIRST_RENDER_WAIT_MS = 300;

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const render = () =>
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );

// Ask for the session and the first members page before the first render, so the first screen
// React draws is the right one, with rows (see lib/start-data.ts). Without a bridge the console
// renders at once and says so (root.tsx).
if (window.nexus) void askStartData(FIRST_RENDER_WAIT_MS).then(render);
else render();
