// `compare`'s usage text, apart from its code: `--help` prints every usage without loading the commands.
export const COMPARE_USAGE = `usage: compare --current DOCUMENT.json --prior DOCUMENT.json [--same-study]

Compares two annotation documents of one patient and prints the table as one JSON object.
Without --same-study: --prior is the reading of an earlier study, and the table is per level (every level with a
lesion in either reading): new or no longer recorded, each SINS component and the total (or range) with its band,
the measured collapse, the ESCC grade and the NOMS pathway, prior and current, and the changes in clinical words,
progression first ("L1: collapse 38% → 61%, now > 50%"; "T11: new lytic lesion").
With --same-study: --prior is another reader's reading of the same study (a second opinion); the table gives, per
lesion, each SINS component, ESCC and NOMS pathway of both readings, and each finding where they differ with
whether taking the other answer would change this reading's SINS band or NOMS pathway.

exit codes: 0 compared; 2 usage error, unreadable or invalid document, documents of different patients (or, with
--same-study, of different studies); 1 unexpected internal error.`;
