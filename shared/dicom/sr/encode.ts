// SR content tree → DICOM elements (Content Sequence items, PS3.3 C.17.3 / Table C.18.x).
import type { Dataset, DataElement } from '../write/index';
import { element, sequence, tag } from '../write/index';
import type { Code, SrItem } from './content';

export function codeItem(code: Code): Dataset {
  return [
    element(tag(0x0008, 0x0100), 'SH', code.value),
    element(tag(0x0008, 0x0102), 'SH', code.scheme),
    element(tag(0x0008, 0x0104), 'LO', code.meaning),
  ];
}

/** DS allows 16 characters: round to a sensible precision first. */
function ds(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  return String(rounded);
}

function valueElements(item: SrItem): DataElement[] {
  switch (item.type) {
    case 'CONTAINER':
      return [element(tag(0x0040, 0xa050), 'CS', 'SEPARATE')];
    case 'TEXT':
      return [element(tag(0x0040, 0xa160), 'UT', item.text)];
    case 'CODE':
      return [sequence(tag(0x0040, 0xa168), [codeItem(item.code)])];
    case 'NUM': {
      const text = ds(item.value);
      return [
        sequence(tag(0x0040, 0xa300), [[
          element(tag(0x0040, 0x08ea), 'SQ', [codeItem(item.unit)]),
          element(tag(0x0040, 0xa30a), 'DS', text),
          // DS holds 16 characters: a value it cannot hold exactly also goes as Floating Point Value (PS3.3 Table
          // C.18.1-1, Type 1C), so a reading read back from its SR has the very numbers it was written with.
          ...(Object.is(Number(text), item.value) ? [] : [element(tag(0x0040, 0xa161), 'FD', item.value)]),
        ]]),
      ];
    }
    case 'PNAME':
      return [element(tag(0x0040, 0xa123), 'PN', item.name)];
    case 'UIDREF':
      return [element(tag(0x0040, 0xa124), 'UI', item.uid)];
    case 'SCOORD':
      return [element(tag(0x0070, 0x0022), 'FL', [...item.data]), element(tag(0x0070, 0x0023), 'CS', item.graphicType)];
    case 'IMAGE': {
      const ref: DataElement[] = [element(tag(0x0008, 0x1150), 'UI', item.sopClassUID), element(tag(0x0008, 0x1155), 'UI', item.sopInstanceUID)];
      if (item.frame !== undefined) ref.push(element(tag(0x0008, 0x1160), 'IS', item.frame));
      return [sequence(tag(0x0008, 0x1199), [ref])];
    }
  }
}

/** One content item (and its children) as a sequence item. */
export function encodeItem(item: SrItem): Dataset {
  const out: DataElement[] = [
    element(tag(0x0040, 0xa010), 'CS', item.relationship),
    element(tag(0x0040, 0xa040), 'CS', item.type),
    sequence(tag(0x0040, 0xa043), [codeItem(item.concept)]),
    ...valueElements(item),
  ];
  if (item.children !== undefined && item.children.length > 0) out.push(sequence(tag(0x0040, 0xa730), item.children.map(encodeItem)));
  return out;
}

/** Every image an SR tree references (for the evidence sequence). */
export function referencedImages(items: readonly SrItem[]): Array<{ sopClassUID: string; sopInstanceUID: string }> {
  const out = new Map<string, { sopClassUID: string; sopInstanceUID: string }>();
  const walk = (list: readonly SrItem[]): void => {
    for (const item of list) {
      if (item.type === 'IMAGE') out.set(item.sopInstanceUID, { sopClassUID: item.sopClassUID, sopInstanceUID: item.sopInstanceUID });
      if (item.children) walk(item.children);
    }
  };
  walk(items);
  return [...out.values()];
}
