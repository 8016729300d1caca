import type { AppInfoState } from './use-app-info';

const FALLBACK_NAME = 'Spine Met Annotator';

function ModeBadge({ info }: { readonly info: AppInfoState }) {
  if (info.status === 'loading') return <span className="badge">connecting…</span>;
  if (info.status === 'failed') {
    return (
      <span className="badge badge-error" role="alert" title={info.message}>
        host unavailable
      </span>
    );
  }
  return (
    <span className="badge" data-testid="host-mode" title={`Host mode: ${info.info.mode}`}>
      {info.info.mode}
    </span>
  );
}

export function TopBar({ info }: { readonly info: AppInfoState }) {
  const name = info.status === 'ready' ? info.info.name : FALLBACK_NAME;
  return (
    <header className="topbar">
      <h1 className="app-name">{name}</h1>
      {info.status === 'ready' && <span className="version">v{info.info.version}</span>}
      <ModeBadge info={info} />
    </header>
  );
}
