import * as dicomParserNs from 'dicom-parser';

type DicomParserModule = typeof dicomParserNs;

/**
 * dicom-parser is a UMD bundle: bundlers expose its named exports, but Node's ESM loader (tsx, the CLI)
 * only exposes `default`. Pick whichever namespace actually carries the functions.
 */
const ns = dicomParserNs as DicomParserModule & { readonly default?: DicomParserModule };
export const dicomParser: DicomParserModule = typeof ns.parseDicom === 'function' ? ns : (ns.default ?? ns);

export type { DataSet, Element, Fragment } from 'dicom-parser';
