import './zod-csp';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { getHost } from './host/get-host';
import { installErrorReporting, reportError } from './host/report-errors';
import { installCloseFlush } from './reading/close-flush';
import './shell/shell.css';

const host = getHost();
installErrorReporting(host);
// Pending autosaves are written before the window closes or the page unloads.
installCloseFlush(host);

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');

createRoot(container, {
  onUncaughtError: (error) => reportError(host, error),
  onCaughtError: (error) => reportError(host, error),
}).render(
  <StrictMode>
    <App host={host} />
  </StrictMode>,
);
