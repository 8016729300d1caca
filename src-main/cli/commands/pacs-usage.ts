// `pacs`'s usage text, apart from its code: `--help` prints every usage without loading the commands.
export const PACS_USAGE = `usage: pacs echo --url URL [--ca CA.pem]
       pacs query --url URL [--patient-name NAME] [--patient-id ID] [--date YYYYMMDD[-YYYYMMDD]] [--modality M] [--accession A] [--ca CA.pem]
       pacs query --url URL --study UID [--ca CA.pem]
       pacs retrieve --url URL --study UID --out DIR [--ca CA.pem]
       pacs send --url URL [--study UID] [--ca CA.pem] FILE...

Talks to a PACS over DICOMweb; URL is its DICOMweb root (e.g. http://pacs:8042/dicom-web).
echo      tests the connection and the credentials (a QIDO-RS search for one study); prints {"answered": true}.
query     searches studies (QIDO-RS); the patient name takes the wildcards * and ?; the date may be a range with
          either end open. Prints a JSON list: StudyInstanceUID, patient, date, accession, modalities, description.
          With --study, lists that study's series instead (SeriesInstanceUID, modality, number, description).
retrieve  fetches the whole study (WADO-RS) into DIR/<StudyInstanceUID>/ (files 0600, folders 0700); a transfer
          that fails leaves nothing behind. Prints the folder, the file count and the bytes as JSON.
send      sends DICOM files (STOW-RS), into --study if given; prints each object's status as JSON.
--ca      a PEM file of CA certificates to trust for https (a hospital's own CA).

Credentials come from the environment, never from a flag: SPINE_MET_PACS_TOKEN (bearer), or
SPINE_MET_PACS_USER and SPINE_MET_PACS_PASSWORD (basic). They are never printed.

exit codes: 0 done; 2 usage error, unreachable or refusing PACS, or an object not stored; 1 unexpected internal
error.`;
