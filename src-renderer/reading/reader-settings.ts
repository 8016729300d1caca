/**
 * The reader's name and organisation, set once per installation (the host keeps them: settings:get-reader /
 * settings:set-reader) and shared by every panel of the page. A new reading takes the name from here.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { isLocked } from '@shared/annotation';
import type { HostApi } from '@shared/ipc/contract';
import { DocumentStore, useDocumentSnapshot } from './document-store';
import type { ReadingSession } from './use-reading-session';

export interface ReaderSettings {
  readonly loaded: boolean;
  readonly name: string;
  readonly organization: string;
}

type SettingsHost = Pick<HostApi, 'settingsGetReader' | 'settingsSetReader'>;

class ReaderSettingsStore {
  private snap: ReaderSettings = { loaded: false, name: '', organization: '' };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly host: SettingsHost) {
    host.settingsGetReader({}).then(
      (r) => this.set({ loaded: true, ...r }),
      () => this.set({ ...this.snap, loaded: true }),
    );
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  readonly getSnapshot = (): ReaderSettings => this.snap;

  async save(name: string, organization: string): Promise<ReaderSettings> {
    const saved = await this.host.settingsSetReader({ name, organization });
    this.set({ loaded: true, ...saved });
    return this.snap;
  }

  private set(next: ReaderSettings): void {
    this.snap = next;
    this.listeners.forEach((l) => l());
  }
}

const stores = new WeakMap<SettingsHost, ReaderSettingsStore>();

export function readerSettingsStore(host: SettingsHost): ReaderSettingsStore {
  let store = stores.get(host);
  if (store === undefined) {
    store = new ReaderSettingsStore(host);
    stores.set(host, store);
  }
  return store;
}

export function useReaderSettings(host: SettingsHost): ReaderSettings {
  const store = readerSettingsStore(host);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/**
 * A new reading (nothing done yet) takes the remembered name as its reader. It is put into the fresh document
 * itself, not as an edit: no undo step and nothing to save until the reader does something.
 */
export function useReaderNameFill(host: SettingsHost, reading: ReadingSession | null): void {
  const settings = useReaderSettings(host);
  const store = reading?.services.store ?? null;
  // Without a reading, an empty store (hooks are called in the same order on every render).
  const [empty] = useState(() => new DocumentStore());
  const doc = useDocumentSnapshot(store ?? empty).document;
  useEffect(() => {
    if (store === null || doc === null || !settings.loaded || settings.name === '') return;
    if (doc.revision !== 0 || doc.reader.name !== '' || isLocked(doc)) return;
    store.load({ ...doc, reader: { name: settings.name } });
  }, [store, doc, settings]);
}

