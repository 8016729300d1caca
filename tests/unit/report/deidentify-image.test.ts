// The pure image de-identification on a file built here (identifiers, a private block, a nested undefined-length
// sequence): nothing identifying survives, the UIDs are the export's remapped ones, the pixels are the same bytes,
// and the same salt gives the same copy.
import { describe, expect, it } from 'vitest';
import { element, raw, sequence, tag, writePart10, DicomWriteError } from '@shared/dicom/write/index';
import { deidentifyImage, DeidentifyImageError, remapUid, pseudonymousId } from '@shared/report/index';

const UIDS = { sop: '1.2.3.4.5.6.7.1', study: '1.2.3.4.5.6.7.2', series: '1.2.3.4.5.6.7.3', frame: '1.2.3.4.5.6.7.4', ref: '1.2.3.4.5.6.7.9' };
const PIXELS = Uint16Array.from({ length: 16 }, (_, i) => i * 257);

function identifiedFile(): Uint8Array {
  return writePart10([
    element(tag(0x0008, 0x0016), 'UI', '1.2.840.10008.5.1.4.1.1.2'),
    element(tag(0x0008, 0x0018), 'UI', UIDS.sop),
    element(tag(0x0008, 0x0008), 'CS', ['ORIGINAL', 'PRIMARY', 'AXIAL']),
    element(tag(0x0008, 0x0020), 'DA', '20240312'),
    element(tag(0x0008, 0x0023), 'DA', '20240312'),
    element(tag(0x0008, 0x0060), 'CS', 'CT'),
    element(tag(0x0008, 0x0080), 'LO', 'St Example Hospital'),
    element(tag(0x0008, 0x1030), 'LO', 'CT spine for Jane Doe'),
    sequence(tag(0x0008, 0x1140), [[element(tag(0x0008, 0x1150), 'UI', '1.2.840.10008.5.1.4.1.1.2'), element(tag(0x0008, 0x1155), 'UI', UIDS.ref)]], 'undefined'),
    element(tag(0x0009, 0x0010), 'LO', 'ACME PRIVATE'),
    element(tag(0x0009, 0x1001), 'LO', 'DOE JANE 19610405'),
    element(tag(0x0010, 0x0010), 'PN', 'DOE^JANE'),
    element(tag(0x0010, 0x0020), 'LO', 'MRN-778899'),
    element(tag(0x0010, 0x0030), 'DA', '19610405'),
    element(tag(0x0018, 0x0050), 'DS', 3),
    element(tag(0x0020, 0x000d), 'UI', UIDS.study),
    element(tag(0x0020, 0x000e), 'UI', UIDS.series),
    element(tag(0x0020, 0x0052), 'UI', UIDS.frame),
    element(tag(0x0020, 0x0013), 'IS', 7),
    element(tag(0x0020, 0x4000), 'LT', 'Patient Jane Doe, ward 3'),
    element(tag(0x0028, 0x0002), 'US', 1),
    element(tag(0x0028, 0x0004), 'CS', 'MONOCHROME2'),
    element(tag(0x0028, 0x0010), 'US', 4),
    element(tag(0x0028, 0x0011), 'US', 4),
    element(tag(0x0028, 0x0100), 'US', 16),
    element(tag(0x0028, 0x0101), 'US', 16),
    element(tag(0x0028, 0x0102), 'US', 15),
    element(tag(0x0028, 0x0103), 'US', 0),
    element(tag(0x0028, 0x0301), 'CS', 'NO'),
    element(tag(0x7fe0, 0x0010), 'OW', PIXELS),
  ]);
}

const latin1 = (b: Uint8Array): string => String.fromCharCode(...b);

describe('deidentifyImage', () => {
  const salt = 'unit-salt';
  const copy = deidentifyImage(identifiedFile(), { salt });
  const text = latin1(copy.bytes);

  it('leaves no name, ID, date, institution, free text, private value or original UID', () => {
    for (const id of ['DOE', 'JANE', 'MRN-778899', '20240312', '19610405', 'St Example', 'ward 3', 'ACME', ...Object.values(UIDS)]) expect(text).not.toContain(id);
  });

  it('carries the remapped UIDs, the pseudonymous ID and the de-identification attributes', () => {
    expect(copy.sopInstanceUID).toBe(remapUid(UIDS.sop, { salt }));
    expect(copy.seriesInstanceUID).toBe(remapUid(UIDS.series, { salt }));
    for (const u of [UIDS.sop, UIDS.study, UIDS.series, UIDS.frame]) expect(text).toContain(remapUid(u, { salt }));
    expect(text).toContain(pseudonymousId('MRN-778899', { salt }));
    expect(text).toContain('DEIDENTIFIED');
    expect(text).toContain('113100');
    expect(copy.burnedInAnnotation).toBe('NO');
  });

  it('keeps the pixel bytes and the technical attributes; the same salt gives the same copy', () => {
    const pixelBytes = latin1(new Uint8Array(PIXELS.buffer));
    expect(text.endsWith(pixelBytes)).toBe(true);
    expect(text).toContain('MONOCHROME2');
    expect(deidentifyImage(identifiedFile(), { salt }).bytes).toEqual(copy.bytes);
    expect(deidentifyImage(identifiedFile(), { salt: 'other' }).sopInstanceUID).not.toBe(copy.sopInstanceUID);
  });

  it('refuses what it cannot rewrite, with a reason', () => {
    expect(() => deidentifyImage(new Uint8Array(200), { salt })).toThrow(DeidentifyImageError);
    expect(() => writePart10([element(tag(0x0008, 0x0016), 'UI', '1.2'), element(tag(0x0008, 0x0018), 'UI', '1.3')], { transferSyntaxUid: '1.2.840.10008.1.2' })).toThrow(DicomWriteError);
    expect(() => writePart10([element(tag(0x0008, 0x0016), 'UI', '1.2'), element(tag(0x0008, 0x0018), 'UI', '1.3'), raw(tag(0x0008, 0x0060), 'CS', Uint8Array.of(0x43))])).toThrow(/even length/);
  });
});
