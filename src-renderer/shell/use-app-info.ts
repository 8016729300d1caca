import { useEffect, useState } from 'react';
import type { HostApi, ResponseOf } from '@shared/ipc/contract';

export type AppInfoState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly info: ResponseOf<'app:info'> }
  | { readonly status: 'failed'; readonly message: string };

/** Asks the host who it is once; the shell shows the mode (electron / browser) from the answer. */
export function useAppInfo(host: HostApi): AppInfoState {
  const [state, setState] = useState<AppInfoState>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    host.appInfo({}).then(
      (info) => current && setState({ status: 'ready', info }),
      (error: unknown) => current && setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
  }, [host]);
  return state;
}
