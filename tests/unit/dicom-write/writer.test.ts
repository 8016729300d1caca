import { describe, expect, it } from 'vitest';
import * as dicomParser from 'dicom-parser';
import {
  DicomWriteError, IMPLEMENTATION_CLASS_UID, element, encodeDataset, sequence, tag, text, writePart10,
} from '@shared/dicom/write';
import type { Dataset } from '@shared/dicom/write';

const SOP = [element(tag(0x0008, 0x0016), 'UI', '1.2.840.10008.5.1.4.1.1.7'), element(tag(0x0008, 0x0018), 'UI', '2.25.123')];

function parse(bytes: Uint8Array): dicomParser.DataSet {
  return dicomParser.parseDicom(bytes);
}

describe('writePart10', () => {
  it('writes preamble, DICM and a file meta group whose length matches', () => {
    const bytes = writePart10([...SOP]);
    expect(bytes.slice(0, 128).every((b) => b === 0)).toBe(true);
    expect(String.fromCharCode(...bytes.slice(128, 132))).toBe('DICM');
    const ds = parse(bytes);
    const groupLength = ds.uint32('x00020000');
    const lastMeta = Object.values(ds.elements).filter((e) => e.tag.startsWith('x0002')).reduce((a, e) => Math.max(a, e.dataOffset + e.length), 0);
    // group length counts from the end of (0002,0000) (which ends at 132 + 12) to the end of the last meta element
    expect(groupLength).toBe(lastMeta - 144);
    expect(ds.string('x00020010')).toBe('1.2.840.10008.1.2.1');
    expect(ds.string('x00020002')).toBe('1.2.840.10008.5.1.4.1.1.7');
    expect(ds.string('x00020003')).toBe('2.25.123');
    expect(ds.string('x00020012')).toBe(IMPLEMENTATION_CLASS_UID);
    expect([...new Uint8Array(bytes.buffer, ds.elements.x00020001?.dataOffset ?? 0, 2)]).toEqual([0, 1]);
  });

  it('round-trips text, numeric, binary and tag VRs with their VRs, sorted by tag', () => {
    const dataset: Dataset = [
      element(tag(0x7fe0, 0x0010), 'OW', Int16Array.of(-1024, 0, 3071)),
      element(tag(0x0010, 0x0010), 'PN', 'PHANTOM^SPINE'),
      element(tag(0x0028, 0x0030), 'DS', [0.12345678901234568, 1]),
      element(tag(0x0020, 0x0013), 'IS', 7),
      element(tag(0x0028, 0x0010), 'US', 192),
      element(tag(0x0028, 0x0106), 'SS', -32000),
      element(tag(0x0018, 0x9219), 'SL', [-5, 6]),
      element(tag(0x0040, 0xa30a), 'DS', -0),
      element(tag(0x0018, 0x9087), 'FD', Math.PI),
      element(tag(0x0018, 0x9089), 'FD', [0, 1, -1]),
      element(tag(0x0028, 0x9099), 'UL', 4_000_000_000),
      element(tag(0x0018, 0x9318), 'FL', 0.5),
      element(tag(0x0020, 0x9165), 'AT', [tag(0x0020, 0x9056), tag(0x0020, 0x9057)]),
      element(tag(0x0008, 0x0008), 'CS', ['ORIGINAL', 'PRIMARY', 'AXIAL']),
      element(tag(0x0020, 0x4000), 'LT', 'multi\\line\r\ncomment'),
      element(tag(0x0008, 0x0090), 'PN', ''),
      element(tag(0x0040, 0xa160), 'UT', 'x'.repeat(70_001)),
      element(tag(0x0008, 0x0120), 'UR', 'https://example.org/a'),
      element(tag(0x0042, 0x0011), 'OB', Uint8Array.of(1, 2, 3)),
      element(tag(0x0070, 0x0084), 'PN', 'Doe^J'),
      ...SOP,
    ];
    const bytes = writePart10(dataset);
    const ds = parse(bytes);
    const tags = Object.keys(ds.elements).filter((t) => !t.startsWith('x0002'));
    expect(tags).toEqual([...tags].sort());
    const vr = (t: string): string | undefined => ds.elements[t]?.vr;
    expect(ds.string('x00100010')).toBe('PHANTOM^SPINE');
    expect(ds.string('x00280030')).toBe('0.12345678901235\\1');
    expect(ds.intString('x00200013')).toBe(7);
    expect(ds.uint16('x00280010')).toBe(192);
    expect(ds.int16('x00280106')).toBe(-32000);
    expect([ds.int32('x00189219', 0), ds.int32('x00189219', 1)]).toEqual([-5, 6]);
    expect(ds.string('x0040a30a')).toBe('0');
    expect(ds.double('x00189087')).toBe(Math.PI);
    expect(ds.double('x00189089', 2)).toBe(-1);
    expect(ds.uint32('x00289099')).toBe(4_000_000_000);
    expect(ds.float('x00189318')).toBe(0.5);
    // dicom-parser's attributeTag reads single values only: check both raw
    expect([0, 1, 2, 3].map((i) => ds.uint16('x00209165', i))).toEqual([0x0020, 0x9056, 0x0020, 0x9057]);
    expect(ds.string('x00080008')).toBe('ORIGINAL\\PRIMARY\\AXIAL');
    expect(ds.text('x00204000')).toBe('multi\\line\r\ncomment');
    expect(ds.elements.x00080090?.length).toBe(0);
    expect(ds.elements.x0040a160?.length).toBe(70_002);
    expect(vr('x00080120')).toBe('UR');
    expect(vr('x00420011')).toBe('OB');
    expect(vr('x7fe00010')).toBe('OW');
    const px = ds.elements.x7fe00010;
    const view = new DataView(bytes.buffer, px?.dataOffset ?? 0, 6);
    expect([view.getInt16(0, true), view.getInt16(2, true), view.getInt16(4, true)]).toEqual([-1024, 0, 3071]);
  });

  it('pads odd lengths: NUL for UI and OB, space for other text', () => {
    const bytes = writePart10([
      element(tag(0x0010, 0x0020), 'LO', 'ABC'),
      element(tag(0x0020, 0x000d), 'UI', '1.2.3'),
      element(tag(0x0042, 0x0011), 'OB', Uint8Array.of(9)),
      ...SOP,
    ]);
    const ds = parse(bytes);
    const last = (t: string): number | undefined => {
      const e = ds.elements[t];
      expect(e?.length).toBe(t === 'x0020000d' ? 6 : t === 'x00420011' ? 2 : 4);
      return e === undefined ? undefined : bytes[e.dataOffset + e.length - 1];
    };
    expect(last('x00100020')).toBe(0x20);
    expect(last('x0020000d')).toBe(0x00);
    expect(last('x00420011')).toBe(0x00);
  });

  it.each(['defined', 'undefined'] as const)('writes nested sequences with %s lengths', (length) => {
    const inner: Dataset = [element(tag(0x0008, 0x0100), 'SH', '121071'), element(tag(0x0008, 0x0102), 'SH', 'DCM'), element(tag(0x0008, 0x0104), 'LO', 'Finding')];
    const dataset: Dataset = [
      ...SOP,
      sequence(tag(0x0040, 0xa730), [
        [element(tag(0x0040, 0xa010), 'CS', 'CONTAINS'), sequence(tag(0x0040, 0xa043), [inner], length)],
        [element(tag(0x0040, 0xa010), 'CS', 'HAS PROPERTIES'), sequence(tag(0x0040, 0xa043), [], length)],
      ], length),
      element(tag(0x0040, 0xa040), 'CS', 'CONTAINER'),
    ];
    const ds = parse(writePart10(dataset));
    const sq = ds.elements.x0040a730;
    expect(sq?.vr).toBe('SQ');
    expect(sq?.hadUndefinedLength === true).toBe(length === 'undefined');
    expect(sq?.items?.length).toBe(2);
    const first = sq?.items?.[0]?.dataSet;
    expect(first?.string('x0040a010')).toBe('CONTAINS');
    expect(first?.elements.x0040a043?.items?.[0]?.dataSet?.string('x00080104')).toBe('Finding');
    expect(sq?.items?.[1]?.dataSet?.elements.x0040a043?.items?.length).toBe(0);
    expect(ds.string('x0040a040')).toBe('CONTAINER');
  });

  it('is deterministic', () => {
    const make = (): Uint8Array => writePart10([...SOP, element(tag(0x0010, 0x0010), 'PN', 'A^B')]);
    expect(make()).toEqual(make());
  });

  it('encodes UTF-8 only under ISO_IR 192', () => {
    const name = element(tag(0x0010, 0x0010), 'PN', 'Müller^Zoë');
    expect(() => encodeDataset([name])).toThrow(DicomWriteError);
    const ds = parse(writePart10([...SOP, name, element(tag(0x0008, 0x0005), 'CS', 'ISO_IR 192')]));
    const e = ds.elements.x00100010;
    expect(e?.length).toBe(12); // 10 characters, two of them 2-byte in UTF-8
    expect(() => encodeDataset([element(tag(0x0008, 0x0060), 'CS', 'ÇT'), element(tag(0x0008, 0x0005), 'CS', 'ISO_IR 192')])).toThrow(/default character repertoire/);
  });

  it('rejects what would make an invalid file', () => {
    expect(() => encodeDataset([text(tag(0x0008, 0x0060), 'CS', 'CT'), text(tag(0x0008, 0x0060), 'CS', 'MR')])).toThrow(/duplicate/);
    expect(() => encodeDataset([text(tag(0x0008, 0x0060), 'CS', 'A\\B')])).toThrow(/backslash/);
    expect(() => encodeDataset([text(tag(0x0008, 0x0050), 'SH', 'x'.repeat(17))])).toThrow(/exceeds 16/);
    expect(() => encodeDataset([text(tag(0x0008, 0x0016), 'LT', ['a', 'b'])])).toThrow(/one value/);
    expect(() => encodeDataset([element(tag(0x0028, 0x0010), 'US', 70000)])).toThrow(/out of range/);
    expect(() => encodeDataset([element(tag(0x0028, 0x0010), 'US', 1.5)])).toThrow(/out of range/);
    expect(() => encodeDataset([element(tag(0x0028, 0x1052), 'DS', Number.NaN)])).toThrow(RangeError);
    expect(() => encodeDataset([element(tag(0x0028, 0x1200), 'US', new Array<number>(40000).fill(1))])).toThrow(/16-bit length/);
    expect(() => encodeDataset([element(tag(0x0002, 0x0010), 'UI', '1.2')])).toThrow(/file meta/);
    expect(() => writePart10([element(tag(0x0010, 0x0010), 'PN', 'A')])).toThrow(/SOPClassUID/);
    expect(() => tag(0x10000, 0)).toThrow(RangeError);
  });
});
