import './app/mantine-styles';
import './app/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { primeFirstMembersPage } from './lib/first-members-page';
import { useSessionStore } from './stores/session-store';

// Ask for the session before the first render, so the first screen React draws is the right one
// (the browser bridge has usually got the answer already; see shared/shell/early-calls.ts).
// The first members page likewise, so the list's first render already has rows.
if (window.nexus) {
  void useSessionStore.getState().load();
  primeFirstMembersPage();
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
