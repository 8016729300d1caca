// `import-sr`'s usage text, apart from its code: `--help` prints every usage without loading the commands.
export const IMPORT_SR_USAGE = `usage: import-sr FILE.dcm --out DOCUMENT.json

Reads a DICOM structured report back into the annotation document it was written from: labels, lesions and their
findings, measurements, patient context, report fields (reader, clinical question, impression, sign-off and
addenda) and key images. Works on the SR this app writes (report --sr), from disk or retrieved from a PACS.
The document is written to --out (readable by you only); a line on standard error says whose reading it is.

An SR written by another program (or a de-identified SR of ours, which does not carry the reading) cannot be
restored: its content is printed on standard output as indented text, with a note on standard error saying why,
and nothing is written.

exit codes: 0 restored; 2 usage error, unreadable file, not a structured report, or an SR that cannot be restored
(its text printed); 1 unexpected internal error.`;
