import { createContext, useContext } from 'react';
import type { Autosaver } from './autosave';
import type { ClickModeStore } from './click-mode';
import type { DocumentStore } from './document-store';

/** One reading session (one study): the document store, its autosave and what clicks mean right now. */
export interface ReadingServices {
  /** The study this session reads (null: none open yet): a new study is a new session. */
  readonly studyInstanceUID: string | null;
  readonly store: DocumentStore;
  readonly saver: Autosaver;
  readonly clicks: ClickModeStore;
}

export const ReadingContext = createContext<ReadingServices | null>(null);

export function useReading(): ReadingServices {
  const services = useContext(ReadingContext);
  if (services === null) throw new Error('reading components must be inside a ReadingContext');
  return services;
}
