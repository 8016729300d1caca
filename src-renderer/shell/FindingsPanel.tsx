/** Right column: level labels, lesion findings and the scores computed from them. */
export function FindingsPanel() {
  return (
    <aside className="panel findings-panel" aria-label="Findings and scores">
      <section>
        <h2 className="panel-title">Findings</h2>
        <p className="empty">No findings yet.</p>
      </section>
      <section>
        <h2 className="panel-title">Scores</h2>
        <dl className="scores">
          {['SINS', 'ESCC', 'NOMS'].map((score) => (
            <div key={score} className="score-row">
              <dt>{score}</dt>
              <dd>—</dd>
            </div>
          ))}
        </dl>
      </section>
    </aside>
  );
}
