/** Left column: studies and their series, once ingest lands. */
export function StudyBrowser() {
  return (
    <nav className="panel study-browser" aria-label="Study and series browser">
      <h2 className="panel-title">Studies</h2>
      <p className="empty">No study open.</p>
    </nav>
  );
}
