// The node syntax (issue 13): dicomweb:URL or dimse:AET@HOST:PORT (a bare http(s) URL is DICOMweb, the older --url
// form). A table of what parses and what each refusal says.

import { describe, expect, it } from 'vitest';
import { PacsError, parseNodeSpec } from '../../../src-main/services/pacs';
import type { NodeSpec } from '../../../src-main/services/pacs';

const parsed: ReadonlyArray<[string, NodeSpec]> = [
  ['dicomweb:http://pacs.example:8042/dicom-web', { kind: 'dicomweb', url: 'http://pacs.example:8042/dicom-web' }],
  ['dicomweb:https://pacs.example/dicom-web/', { kind: 'dicomweb', url: 'https://pacs.example/dicom-web/' }],
  ['http://127.0.0.1:8042/dicom-web', { kind: 'dicomweb', url: 'http://127.0.0.1:8042/dicom-web' }],
  ['dimse:ORTHANC@127.0.0.1:4242', { kind: 'dimse', calledAet: 'ORTHANC', host: '127.0.0.1', port: 4242 }],
  ['dimse:PACS MAIN@pacs.example.org:104', { kind: 'dimse', calledAet: 'PACS MAIN', host: 'pacs.example.org', port: 104 }],
  ['dimse:PACS@[::1]:11112', { kind: 'dimse', calledAet: 'PACS', host: '::1', port: 11112 }],
];

const refused: ReadonlyArray<[string, RegExp]> = [
  ['pacs.example:104', /^"pacs\.example:104" is not a node\. A node is dicomweb:URL or dimse:AET@HOST:PORT\.$/],
  ['dimse:pacs.example:104', /^"dimse:pacs\.example:104" is not a DIMSE node\./],
  ['dimse:@pacs.example:104', /^"dimse:@pacs\.example:104" is not a DIMSE node\./],
  ['dimse:PACS@pacs.example:', /has no valid host and port\./],
  ['dimse:PACS@pacs.example:70000', /has no valid host and port\./],
  ['dimse:PACS@:104', /has no valid host and port\./],
];

describe('node syntax', () => {
  it.each(parsed)('%s', (spec, expected) => {
    expect(parseNodeSpec(spec)).toEqual(expected);
  });
  it.each(refused)('refuses %s', (spec, message) => {
    const error = (() => {
      try {
        parseNodeSpec(spec);
        return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(PacsError);
    expect((error as PacsError).code).toBe('bad-config');
    expect((error as PacsError).message).toMatch(message);
  });
});
