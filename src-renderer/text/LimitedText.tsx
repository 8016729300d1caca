/**
 * A text field that holds at most `limit` characters (the document schema's limit) and says so where the typing
 * happens: `maxLength` refuses typing past it, a counter appears near it, and a paste or drop that does not fit is
 * cut to fit with a message saying how many characters were not added (never silently dropped). The field commits
 * through `edit` (use-text-edit.ts): on blur, on Enter for a single line, Escape puts the committed text back.
 */
import { useState } from 'react';
import type { ClipboardEvent, DragEvent, KeyboardEvent, ReactElement } from 'react';
import { counterText, fitText, truncatedText } from './text-limit';
import type { TextEdit } from './use-text-edit';
import './text.css';

export interface LimitedTextProps {
  readonly label: string;
  readonly edit: TextEdit;
  readonly limit: number;
  /** A textarea with this many rows; a single-line input when omitted. */
  readonly rows?: number;
  readonly className?: string;
  /** Escape restores the committed text (single-line fields whose Escape is not needed elsewhere). */
  readonly escapeCancels?: boolean;
}

type Field = HTMLTextAreaElement | HTMLInputElement;

/** Inserts `text` at the selection as typing would (native text undo, one input event); false if the browser refused. */
function insertAtSelection(el: Field, text: string): boolean {
  el.focus();
  // execCommand is the one way to insert as the user would, keeping the field's own undo; deprecated but supported.
  return text.length === 0 || document.execCommand('insertText', false, text);
}

export function LimitedText({ label, edit, limit, rows, className, escapeCancels = false }: LimitedTextProps): ReactElement {
  const [notice, setNotice] = useState<string | null>(null);
  const counter = counterText(edit.value.length, limit);

  /** A paste or drop of `text` over the selection: let it through when it fits, else insert what fits and say so. */
  const insert = (el: Field, text: string, prevent: () => void): void => {
    const start = el.selectionStart ?? el.value.length;
    const end = el.selectionEnd ?? start;
    const room = limit - (el.value.length - (end - start));
    if (text.length <= room) {
      setNotice(null);
      return;
    }
    prevent();
    const fit = fitText(text, room);
    if (!insertAtSelection(el, fit)) edit.change(el.value.slice(0, start) + fit + el.value.slice(end));
    setNotice(truncatedText(text.length - fit.length, limit));
  };
  const onPaste = (e: ClipboardEvent<Field>): void => insert(e.currentTarget, e.clipboardData.getData('text/plain'), () => e.preventDefault());
  const onDrop = (e: DragEvent<Field>): void => {
    const text = e.dataTransfer.getData('text/plain');
    if (text.length > 0) insert(e.currentTarget, text, () => e.preventDefault());
  };
  const onKeyDown = (e: KeyboardEvent<Field>): void => {
    if (rows === undefined && e.key === 'Enter') e.currentTarget.blur();
    if (escapeCancels && e.key === 'Escape') edit.cancel();
  };
  const common = {
    'aria-label': label,
    value: edit.value,
    maxLength: limit,
    onChange: (e: { currentTarget: Field }) => {
      edit.change(e.currentTarget.value);
      // A notice about a cut paste stays until the text is edited below the limit again.
      if (notice !== null && e.currentTarget.value.length < limit) setNotice(null);
    },
    onBlur: () => edit.commit(),
    onPaste,
    onDrop,
    onKeyDown,
  };
  return (
    <span className={`tx-field${className !== undefined ? ` ${className}` : ''}`}>
      {rows !== undefined ? <textarea {...common} rows={rows} /> : <input type="text" {...common} />}
      {notice !== null ? (
        <span className="tx-notice" role="alert" data-testid="text-limit-notice">
          {notice}
        </span>
      ) : null}
      {counter !== null ? (
        <span className={`tx-counter${edit.value.length >= limit ? ' tx-full' : ''}`} data-testid="text-counter">
          {counter}
        </span>
      ) : null}
    </span>
  );
}
