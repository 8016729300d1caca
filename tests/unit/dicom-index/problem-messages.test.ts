// Every open or decode problem is one sentence a clinician understands: what happened, to which file, what to do;
// never a system error code, a library's function name or a DICOM tag; the technical text is kept as the detail.
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '@shared/dicom/index-model';
import type { ProblemCode } from '@shared/dicom/index-model';
import { fileName, imageErrorMessage, noImagesMessage, problemMessage } from '@shared/dicom/problem-messages';

/** What must never reach a clinician in a sentence. */
const TECHNICAL = /ENOENT|EACCES|stat '|dicomParser|parseDicom|\(?[0-9A-F]{4},[0-9A-F]{4}\)?|undefined|null|\[object|Error:|[a-z]+[A-Z]\w*\(|_/;

function expectPlain(sentence: string): void {
  expect(sentence).not.toMatch(TECHNICAL);
  expect(sentence).toMatch(/^[A-Z“0-9]/);
  expect(sentence).toMatch(/\.$/);
  expect(sentence.length).toBeLessThan(240);
}

describe('index problems', () => {
  const cases: ReadonlyArray<{ code: ProblemCode; file: string; reason: string; says: RegExp }> = [
    { code: 'not-found', file: '/data/studies/moved-away', reason: "cannot open: ENOENT: no such file or directory, stat '/data/studies/moved-away'", says: /^“moved-away” was not found: .* Check the path and open it again\.$/ },
    { code: 'malformed', file: '/data/ct/IM0007.dcm', reason: 'header: dicomParser.parseDicom: missing required meta header attribute 0002,0010', says: /^“IM0007\.dcm” is a damaged DICOM file and was skipped; the other images are shown\./ },
    { code: 'truncated', file: '/data/ct/IM0008.dcm', reason: 'header: element (7FE0,0010) runs past the end of the file', says: /^“IM0008\.dcm” is incomplete/ },
    { code: 'read-failed', file: '/data/ct/IM0009.dcm', reason: 'EACCES: permission denied', says: /could not be read\. Check that it is there and that you may open it/ },
    { code: 'zip-failed', file: '/downloads/study.zip', reason: 'cannot read zip: invalid central directory', says: /^The zip file “study\.zip” could not be opened/ },
    { code: 'missing-file', file: '/cdrom/DICOM/IM1', reason: 'listed in DICOMDIR but missing', says: /lists “IM1”, but the file is not there/ },
    { code: 'not-dicom', file: '/data/notes.txt', reason: 'no DICM prefix', says: /^“notes\.txt” is not a DICOM image/ },
  ];
  it.each(cases)('$code: $file', ({ code, file, reason, says }) => {
    const m = problemMessage({ code, file, reason });
    expect(m.sentence).toMatch(says);
    expectPlain(m.sentence);
    // The technical text is one click away, not lost.
    expect(m.detail).toBe(`${file}: ${reason}`);
  });

  it.each([...PROBLEM_CODES])('%s has a plain sentence naming the file', (code) => {
    const m = problemMessage({ code, file: '/x/y/IM0042.dcm', reason: 'technical' });
    expect(m.sentence).toContain('IM0042.dcm');
    expectPlain(m.sentence);
  });
});

describe('image decode errors', () => {
  const cases = [
    { code: 'truncated', message: 'pixel data holds 10726 bytes but frame 1 of 1 needs bytes up to 32768', says: /pixel data is incomplete/ },
    { code: 'unsupported-transfer-syntax', message: 'transfer syntax 1.2.840.10008.1.2.4.110 is not supported', says: /compressed in a format this app does not read/ },
    { code: 'decode-failed', message: 'OpenJPEG: failed', says: /could not be decoded/ },
    { code: 'worker-crashed', message: 'worker exited', says: /stopped unexpectedly/ },
    { code: undefined, message: 'TypeError: x is undefined', says: /something went wrong/ },
  ] as const;
  it.each(cases)('$code', ({ code, message, says }) => {
    const m = imageErrorMessage(code, message);
    expect(m.sentence).toMatch(says);
    expectPlain(m.sentence);
    expect(m.detail).toBe(message);
  });
});

describe('nothing to show', () => {
  const cases = [
    { name: 'a missing path', label: '/data/gone', scanned: 0, problems: [{ code: 'not-found' as const, file: '/data/gone' }], want: '“gone” was not found: it may have been moved or renamed, or be on a disc or drive that is not connected. Check the path and open it again.' },
    { name: 'a folder of text files', label: '/data/notes', scanned: 4, problems: [], want: "“notes” has no DICOM images: none of its 4 files is a DICOM image. Open the folder that holds the study's images (on a CD, the folder with the DICOMDIR file)." },
    { name: 'one file, not DICOM', label: '/data/one', scanned: 1, problems: [], want: "“one” has no DICOM images: its one file is not a DICOM image. Open the folder that holds the study's images (on a CD, the folder with the DICOMDIR file)." },
    { name: 'an empty folder', label: '/data/empty/', scanned: 0, problems: [], want: "“empty” holds no files. Open the folder that holds the study's images (on a CD, the folder with the DICOMDIR file)." },
    { name: 'only broken files', label: '/data/broken', scanned: 2, problems: [{ code: 'malformed' as const, file: '/data/broken/a.dcm' }], want: 'No image could be read from “broken”: none of its 2 files is a readable DICOM image. Copy or export the study again; the details list each file.' },
  ];
  it.each(cases)('$name', ({ label, scanned, problems, want }) => {
    const sentence = noImagesMessage(label, scanned, problems);
    expect(sentence).toBe(want);
    expectPlain(sentence);
  });

  it('names files as the reader knows them', () => {
    expect(fileName('/a/b/IM1.dcm')).toBe('IM1.dcm');
    expect(fileName('C:\\studies\\ct\\IM1')).toBe('IM1');
    expect(fileName('/downloads/disc.zip!DICOM/IM1')).toBe('disc.zip!DICOM/IM1');
  });
});
