// `pacs`'s usage text, apart from its code: `--help` prints every usage without loading the commands.
export const PACS_USAGE = `usage: pacs echo --node NODE
       pacs find --node NODE [--patient-name PATTERN] [--patient-id ID] [--study-date D|D1-D2] [--modality M] [--accession A]
       pacs find --node NODE --study UID
       pacs retrieve --node NODE --study UID --out DIR [--move-port PORT]
       pacs send --node NODE FILE...
options for every action: [--aet OUR_AE_TITLE] [--tls] [--ca CA.pem]

NODE is dicomweb:URL (the DICOMweb root, e.g. dicomweb:http://pacs:8042/dicom-web) or dimse:AET@HOST:PORT (the
PACS's AE title, host and DICOM port). --url URL is the older form of --node dicomweb:URL; query is find's old name
and --date the old name of --study-date.
echo      tests the connection (C-ECHO, or a QIDO-RS search for one study); prints {"answered": true}.
find      searches studies (C-FIND or QIDO-RS); the patient name takes the wildcards * and ?; the date may be a
          range with either end open. Prints a JSON list: StudyInstanceUID, patient, date, accession, modalities,
          description. With --study, lists that study's series instead.
retrieve  fetches the whole study (C-GET, WADO-RS, or C-MOVE to our own storage SCP listening on --move-port, which
          the PACS must know as our AE title) into DIR/<StudyInstanceUID>/ (files 0600, folders 0700); a transfer
          that fails leaves nothing behind. Prints the folder, the file count and the bytes as JSON.
send      sends DICOM files (C-STORE or STOW-RS) into the study their own StudyInstanceUID names; prints each
          object's status as JSON.
--aet     our calling AE title for DIMSE (default SPINEMET).
--tls     DIMSE over TLS (DICOMweb uses TLS when its URL is https).
--ca      a PEM file of CA certificates to trust for https or DIMSE TLS (a hospital's own CA).

Credentials (DICOMweb) come from the environment, never from a flag: SPINE_MET_PACS_TOKEN (bearer), or
SPINE_MET_PACS_USER and SPINE_MET_PACS_PASSWORD (basic). They are never printed.

exit codes: 0 done; 2 usage error, unreachable or refusing PACS, or an object not stored; 1 unexpected internal
error.`;
