// `pacs echo|find|retrieve|send --node NODE …`: the PACS services (src-main/services/pacs) from the command line,
// over DICOMweb or DIMSE. Credentials come only from the environment; every failure is one plain line on stderr
// and exit code 2.

import { findNodeSeries, findNodeStudies, PacsError, pacsNode, pacsNodeLabel, retrieveNodeStudy, sendNodeFiles, testConnection } from '../../services/pacs';
import type { PacsNode, StudyQuery } from '../../services/pacs';
import { EXIT } from '../io';
import type { CliIo } from '../io';
import { PACS_USAGE } from './pacs-usage';

export { PACS_USAGE };

type Env = Readonly<Record<string, string | undefined>>;

const COMMON = ['--node', '--url', '--ca', '--aet'];
const VALUE_FLAGS = {
  echo: COMMON,
  find: [...COMMON, '--patient-name', '--patient-id', '--study-date', '--date', '--modality', '--accession', '--study'],
  retrieve: [...COMMON, '--study', '--out', '--move-port'],
  send: COMMON,
} as const;
type Action = keyof typeof VALUE_FLAGS;
/** Older names kept working. */
const ACTION_ALIASES: Readonly<Record<string, Action>> = { query: 'find' };
const FLAG_ALIASES: Readonly<Record<string, string>> = { '--date': '--study-date' };

interface Parsed {
  readonly action: Action;
  /** The action as typed (an old alias is echoed back in messages). */
  readonly typed: string;
  readonly values: ReadonlyMap<string, string>;
  readonly files: readonly string[];
}

function parseArgs(argv: readonly string[]): Parsed | string {
  const [named, ...rest] = argv;
  const action = named === undefined ? undefined : (ACTION_ALIASES[named] ?? named);
  if (action !== 'echo' && action !== 'find' && action !== 'retrieve' && action !== 'send') return named === undefined ? 'an action is required: echo, find, retrieve or send' : `unknown action "${named}"`;
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
    if (arg === '--tls') {
      values.set('--tls', 'yes');
      continue;
    }
    if (!allowed.includes(arg)) return `unknown option "${arg}" for pacs ${action}`;
    const value = rest[i + 1];
    if (value === undefined || value.startsWith('--')) return `${arg} needs a value`;
    values.set(FLAG_ALIASES[arg] ?? arg, value);
    i++;
  }
  if (values.has('--url')) {
    if (values.has('--node')) return 'give --node or --url, not both';
    values.set('--node', `dicomweb:${values.get('--url') ?? ''}`);
    values.delete('--url');
  }
  if (!values.has('--node')) return '--node is required (dicomweb:URL or dimse:AET@HOST:PORT)';
  if (action === 'find' && values.has('--study') && [...values.keys()].some((k) => !['--node', '--ca', '--aet', '--tls', '--study'].includes(k))) return '--study lists one study\'s series and takes no search keys';
  if (action === 'retrieve' && !values.has('--study')) return '--study is required';
  if (action === 'retrieve' && !values.has('--out')) return '--out is required';
  if (action === 'retrieve' && values.has('--move-port') && !/^\d{1,5}$/.test(values.get('--move-port') ?? '')) return '--move-port must be a port number';
  if (action === 'send' && files.length === 0) return 'give at least one DICOM file to send';
  return { action, typed: named ?? action, values, files };
}

function studyQuery(values: ReadonlyMap<string, string>): StudyQuery {
  const query: { -readonly [K in keyof StudyQuery]: StudyQuery[K] } = {};
  const name = values.get('--patient-name');
  const id = values.get('--patient-id');
  const date = values.get('--study-date');
  const modality = values.get('--modality');
  const accession = values.get('--accession');
  if (name !== undefined) query.patientName = name;
  if (id !== undefined) query.patientId = id;
  if (date !== undefined) query.studyDate = date;
  if (modality !== undefined) query.modality = modality.toUpperCase();
  if (accession !== undefined) query.accessionNumber = accession;
  return query;
}

async function act(parsed: Parsed, node: PacsNode, io: CliIo): Promise<number> {
  const study = parsed.values.get('--study');
  if (parsed.action === 'echo') {
    await testConnection(node);
    io.stdout(`${JSON.stringify({ node: pacsNodeLabel(node), answered: true })}\n`);
    return EXIT.ok;
  }
  if (parsed.action === 'find') {
    // --study lists that study's series; the other keys search studies.
    const found = study !== undefined ? await findNodeSeries(node, study) : await findNodeStudies(node, studyQuery(parsed.values));
    io.stdout(`${JSON.stringify(found, null, 2)}\n`);
    return EXIT.ok;
  }
  if (parsed.action === 'retrieve') {
    const retrieved = await retrieveNodeStudy(node, study ?? '', parsed.values.get('--out') ?? '');
    io.stdout(`${JSON.stringify({ studyInstanceUid: study, folder: retrieved.folder, files: retrieved.files.length, bytes: retrieved.bytes }, null, 2)}\n`);
    return EXIT.ok;
  }
  const objects = await sendNodeFiles(node, parsed.files);
  io.stdout(`${JSON.stringify({ node: pacsNodeLabel(node), objects }, null, 2)}\n`);
  const failed = objects.filter((o) => o.status === 'failed');
  if (failed.length > 0) {
    io.stderr(`pacs send: ${failed.length} of ${objects.length} object(s) were not stored${failed[0]?.reasonText !== undefined ? ` (${failed[0].reasonText})` : ''}.\n`);
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
    const aet = parsed.values.get('--aet');
    const movePort = parsed.values.get('--move-port');
    const node = await pacsNode(parsed.values.get('--node') ?? '', { env, ...(parsed.values.has('--tls') ? { tls: true } : {}), ...(ca !== undefined ? { caFile: ca } : {}), ...(aet !== undefined ? { callingAet: aet } : {}), ...(movePort !== undefined ? { movePort: Number(movePort) } : {}) });
    return await act(parsed, node, io);
  } catch (error) {
    if (!(error instanceof PacsError)) throw error;
    io.stderr(`pacs ${parsed.typed}: ${error.message}\n`);
    return EXIT.invalid;
  }
}
