/**
 * Text being typed lives in its field until the field is left (one undo step per edit, not one per keystroke). So
 * that none of it is lost when the window closes, the page hides or the tab is switched while a field still has
 * focus, every field with an uncommitted edit registers its commit here; close-flush.ts commits them all before it
 * saves. DOM-free.
 */
type Commit = () => void;

const pending = new Set<Commit>();

/** Registers the commit of one edit in progress; the returned function unregisters it. */
export function registerPendingEdit(commit: Commit): () => void {
  pending.add(commit);
  return () => pending.delete(commit);
}

/** Commits every edit in progress (each field stays as it is, focused or not). Returns how many were committed. */
export function commitPendingEdits(): number {
  const all = [...pending];
  for (const commit of all) {
    try {
      commit();
    } catch (error) {
      // One field's refusal must not keep the others (or the save after them) from happening.
      console.error('could not commit a text edit before leaving', error);
    }
  }
  return all.length;
}
