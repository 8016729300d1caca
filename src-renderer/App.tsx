import type { HostApi } from '@shared/ipc/contract';
import { FindingsPanel } from './shell/FindingsPanel';
import { Notices } from './shell/Notices';
import { StudyBrowser } from './shell/StudyBrowser';
import { TopBar } from './shell/TopBar';
import { useAppInfo } from './shell/use-app-info';
import { ViewportArea } from './shell/ViewportArea';

/** The reading-room shell: top bar, study browser (left), viewport (centre), findings and scores (right). */
export function App({ host }: { readonly host: HostApi }) {
  const info = useAppInfo(host);
  return (
    <div className="shell">
      <TopBar info={info} />
      <StudyBrowser />
      <ViewportArea />
      <FindingsPanel />
      <Notices host={host} />
    </div>
  );
}
