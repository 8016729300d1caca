/**
 * One edit of a committed text: typed locally (so a keystroke changes one field, not the document, the undo
 * history, autosave or the panels that follow the document), committed once when the field is left, or when the
 * page goes while it still has focus (pending-edits.ts). Escape (`cancel`) puts the committed text back.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { registerPendingEdit } from './pending-edits';

export interface TextEdit {
  /** What the field shows: the text being typed, else the committed text. */
  readonly value: string;
  readonly editing: boolean;
  change(text: string): void;
  commit(): void;
  cancel(): void;
}

export function useTextEdit(committed: string, onCommit: (text: string) => void): TextEdit {
  const [draft, setDraft] = useState<string | null>(null);
  // Read at commit time, which may come from outside React (pagehide): the latest values, not a render's.
  const latest = useRef({ draft, committed, onCommit });
  latest.current = { draft, committed, onCommit };

  const commit = useCallback((): void => {
    const { draft: text, committed: saved, onCommit: save } = latest.current;
    latest.current = { ...latest.current, draft: null };
    setDraft(null);
    if (text !== null && text !== saved) save(text);
  }, []);
  const cancel = useCallback((): void => {
    latest.current = { ...latest.current, draft: null };
    setDraft(null);
  }, []);
  const change = useCallback((text: string): void => {
    latest.current = { ...latest.current, draft: text };
    setDraft(text);
  }, []);

  const editing = draft !== null;
  useEffect(() => (editing ? registerPendingEdit(commit) : undefined), [editing, commit]);
  return { value: draft ?? committed, editing, change, commit, cancel };
}
