// `report`'s usage text, apart from its code: `--help` prints every usage without loading the commands.
import { INSTALLATION_SECRET_ENV } from '../../services/installation-secret';
export const REPORT_USAGE = `usage: report --study PATH|sample --annotations DOCUMENT.json --pdf OUT.pdf [--text OUT.txt]
              [--sr OUT.dcm] [--encapsulated-pdf OUT.dcm] [--kos OUT.dcm] [--json OUT.json] [--deidentify]
              [--send NODE [--aet OUR_AE_TITLE]]
              [--deidentify-images OUTDIR] [--page A4|Letter]
              [--prior PRIOR.json | --second-opinion OTHER.json]

Builds the structured report of one annotation document on its study (PATH: folder, files, DICOMDIR or zip; "sample"
for the built-in sample study, "sample-follow-up" for its follow-up) and writes: the PDF (headless Chromium: apt-get install chromium), the plain text,
a DICOM Comprehensive SR, an Encapsulated PDF and a Key Object Selection of the key images (each a new series in
the same study), and the document JSON.
--send NODE (dicomweb:URL or dimse:AET@HOST:PORT, as for \`pacs\`) writes the SR, the Encapsulated PDF and the Key
Object Selection (to the paths given, else to the app's outbox folder) and sends them into the study on the PACS
(STOW-RS or C-STORE); each object's status is printed, the result as JSON on standard output. The files are kept;
those that failed are named with the \`pacs send\` line that sends them again. Not with --deidentify.
--deidentify applies the DICOM PS3.15 basic profile to every output (names, IDs, dates, institution removed or
replaced; UIDs remapped consistently across outputs). The pseudonymous patient ID and UIDs are the same on every
export of one study on this installation: they are keyed by the installation's secret, read from the file named by
${INSTALLATION_SECRET_ENV}, else from installation-secret in the app data folder (created there, 0600, on first
use; shared with browser mode). --deidentify-salt KEY uses KEY instead (reproducible runs).
The reader's name and the report's status (draft, final, amended) are printed on standard error; an unsigned
reading is reported as a draft.
--deidentify-images OUTDIR also writes de-identified copies of the images the report references (labels,
measurements, key images) into OUTDIR, one file per image named by its new SOP Instance UID: only technical
attributes kept, identity and dates emptied, private tags and free text removed, UIDs remapped exactly as in the
SR/PDF/JSON of the same run (so their references match), pixel data unchanged; it implies --deidentify. Images whose
Burned In Annotation is YES are listed: their pixels may still show identifiers. At least one output is required.
--prior PRIOR.json adds a "Comparison" section: the reading of an earlier study of the same patient, level by level
(as \`compare\` prints it), the prior study referenced by its Study Instance UID in the SR. --second-opinion OTHER.json
adds a "Second opinion" section: another reader's reading of the same study, finding by finding. Readings of
another patient (or, for a second opinion, of another study) are refused (exit 2).

exit codes: 0 written (and sent); 2 usage error, an object not stored by the PACS, unreadable or invalid document, study not found, Chromium missing;
1 unexpected internal error.`;
