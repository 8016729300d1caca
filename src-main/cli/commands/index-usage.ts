// `index`'s usage text, apart from its code: `--help` prints every usage without loading the commands.
export const INDEX_USAGE = `usage: index PATH... [--full]

Indexes DICOM studies from PATHs: folders (searched recursively), single files, a DICOMDIR (e.g. on a patient's
CD) or .zip archives, reading headers only. Prints one JSON document: patients → studies → series → stacks with
instance counts, orientation and regular-volume verdicts, non-image objects by kind, and every problem with its
file, code and reason. --full prints the complete index instead (every instance, as the app receives it).

exit codes: 0 indexed (problems with single files are reported in the JSON, not as failures);
2 bad arguments or a PATH that does not exist; 1 unexpected internal error.`;
