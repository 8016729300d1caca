// `pacs query|retrieve|send --url URL …`: the DICOMweb client (src-main/services/pacs) from the command line.
// Credentials come only from the environment; every failure is one plain line on stderr and exit code 2.

import { authFromEnv, dicomwebNode, nodeLabel, PacsError, pingNode, retrieveStudy, searchSeries, searchStudies, storeInstances } from '../../services/pacs';
import type { DicomwebNode, StudyQuery } from '../../services/pacs';
import { EXIT } from '../io';
import type { CliIo } from '../io';
import { PACS_USAGE } from './pacs-usage';

export { PACS_USAGE };

type Env = Readonly<Record<string, string | undefined>>;

const VALUE_FLAGS = {
  echo: ['--url', '--ca'],
  query: ['--url', '--ca', '--patient-name', '--patient-id', '--date', '--modality', '--accession', '--study'],
  retrieve: ['--url', '--ca', '--study', '--out'],
  send: ['--url', '--ca', '--study'],
} as const;
type Action = keyof typeof VALUE_FLAGS;

interface Parsed {
  readonly action: Action;
  readonly values: ReadonlyMap<string, string>;
  readonly files: readonly string[];
}

function parseArgs(argv: readonly string[]): Parsed | string {
  const [action, ...rest] = argv;
  if (action !== 'echo' && action !== 'query' && action !== 'retrieve' && action !== 'send') return action === undefined ? 'an action is required: echo, query, retrieve or send' : `unknown action "${action}"`;
  const allowed: readonly string[] = VALUE_FLAGS[action];
  const values = new Map<string, string>();
  const files: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? '';
    if (!arg.startsWith('--')) {
      if (action !== 'send') return `unexpected argument "${arg}"`;
      files.push(arg);
      continue;
    }
    // Said plainly: a secret on the command line ends up in the shell history and the process list.
    if (/^--(password|token|user)/.test(arg)) return `${arg.split('=')[0] ?? arg}: credentials are taken from the environment (SPINE_MET_PACS_TOKEN, or SPINE_MET_PACS_USER and SPINE_MET_PACS_PASSWORD), never from a flag`;
    if (!allowed.includes(arg)) return `unknown option "${arg}" for pacs ${action}`;
    const value = rest[i + 1];
    if (value === undefined || value.startsWith('--')) return `${arg} needs a value`;
    values.set(arg, value);
    i++;
  }
  if (!values.has('--url')) return '--url is required';
  if (action === 'query' && values.has('--study') && [...values.keys()].some((k) => !['--url', '--ca', '--study'].includes(k))) return '--study lists one study\'s series and takes no search keys';
  if (action === 'retrieve' && !values.has('--study')) return '--study is required';
  if (action === 'retrieve' && !values.has('--out')) return '--out is required';
  if (action === 'send' && files.length === 0) return 'give at least one DICOM file to send';
  return { action, values, files };
}

function studyQuery(values: ReadonlyMap<string, string>): StudyQuery {
  const pick = (flag: string): string | undefined => values.get(flag);
  const query: { -readonly [K in keyof StudyQuery]: StudyQuery[K] } = {};
  const name = pick('--patient-name');
  const id = pick('--patient-id');
  const date = pick('--date');
  const modality = pick('--modality');
  const accession = pick('--accession');
  if (name !== undefined) query.patientName = name;
  if (id !== undefined) query.patientId = id;
  if (date !== undefined) query.studyDate = date;
  if (modality !== undefined) query.modality = modality.toUpperCase();
  if (accession !== undefined) query.accessionNumber = accession;
  return query;
}

async function act(parsed: Parsed, node: DicomwebNode, io: CliIo): Promise<number> {
  const study = parsed.values.get('--study');
  if (parsed.action === 'echo') {
    await pingNode(node);
    io.stdout(`${JSON.stringify({ node: nodeLabel(node), answered: true })}\n`);
    return EXIT.ok;
  }
  if (parsed.action === 'query') {
    // --study lists that study's series; the other keys search studies.
    const found = study !== undefined ? await searchSeries(node, study) : await searchStudies(node, studyQuery(parsed.values));
    io.stdout(`${JSON.stringify(found, null, 2)}\n`);
    return EXIT.ok;
  }
  if (parsed.action === 'retrieve') {
    const retrieved = await retrieveStudy(node, study ?? '', parsed.values.get('--out') ?? '');
    io.stdout(`${JSON.stringify({ studyInstanceUid: study, folder: retrieved.folder, files: retrieved.files.length, bytes: retrieved.bytes }, null, 2)}\n`);
    return EXIT.ok;
  }
  const result = await storeInstances(node, parsed.files, study !== undefined ? { studyInstanceUid: study } : {});
  io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  const failed = result.objects.filter((o) => o.status === 'failed').length;
  if (failed > 0 || result.httpStatus === 409) {
    io.stderr(`pacs send: ${failed} of ${result.objects.length} object(s) were not stored by the PACS.\n`);
    return EXIT.invalid;
  }
  if (result.objects.length < parsed.files.length) {
    io.stderr(`pacs send: the PACS confirmed ${result.objects.length} of the ${parsed.files.length} file(s) sent.\n`);
    return EXIT.invalid;
  }
  return EXIT.ok;
}

export async function runPacs(argv: readonly string[], io: CliIo, env: Env = process.env): Promise<number> {
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
    io.stdout(`${PACS_USAGE}\n`);
    return EXIT.ok;
  }
  const parsed = parseArgs(argv);
  if (typeof parsed === 'string') {
    io.stderr(`${parsed}\n\n${PACS_USAGE}\n`);
    return EXIT.invalid;
  }
  try {
    const ca = parsed.values.get('--ca');
    const node = await dicomwebNode({ baseUrl: parsed.values.get('--url') ?? '', auth: authFromEnv(env), ...(ca !== undefined ? { caFile: ca } : {}) });
    return await act(parsed, node, io);
  } catch (error) {
    if (!(error instanceof PacsError)) throw error;
    io.stderr(`pacs ${parsed.action}: ${error.message}\n`);
    return EXIT.invalid;
  }
}
