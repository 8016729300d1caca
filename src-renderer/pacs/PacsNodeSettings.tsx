import { useState, type FormEvent } from 'react';
import type { HostApi } from '@shared/ipc/contract';
import type { PacsNodeInput, PacsNodeList, PacsNodeView } from '@shared/ipc/pacs-schemas';

type Kind = 'dicomweb' | 'dimse';
type AuthKind = 'none' | 'basic' | 'bearer';

interface Fields {
  kind: Kind;
  name: string;
  baseUrl: string;
  auth: AuthKind;
  user: string;
  secret: string;
  caFile: string;
  calledAet: string;
  host: string;
  port: string;
  callingAet: string;
  tls: boolean;
}

function fieldsOf(node: PacsNodeView | undefined): Fields {
  const blank: Fields = { kind: 'dicomweb', name: '', baseUrl: '', auth: 'none', user: '', secret: '', caFile: '', calledAet: '', host: '', port: '104', callingAet: 'SPINEMET', tls: false };
  if (node === undefined) return blank;
  if (node.kind === 'dimse') return { ...blank, kind: 'dimse', name: node.name, calledAet: node.calledAet, host: node.host, port: String(node.port), callingAet: node.callingAet, tls: node.tls };
  return { ...blank, name: node.name, baseUrl: node.baseUrl, auth: node.auth.kind, user: node.auth.kind === 'basic' ? node.auth.user : '', caFile: node.caFile ?? '' };
}

function inputOf(f: Fields): PacsNodeInput {
  if (f.kind === 'dimse') return { kind: 'dimse', name: f.name.trim(), calledAet: f.calledAet.trim(), host: f.host.trim(), port: Number(f.port), callingAet: f.callingAet.trim(), tls: f.tls };
  // An empty secret field keeps the one already kept.
  const secret = f.secret === '' ? {} : f.auth === 'bearer' ? { token: f.secret } : { password: f.secret };
  const auth = f.auth === 'basic' ? { kind: 'basic' as const, user: f.user.trim(), ...secret } : f.auth === 'bearer' ? { kind: 'bearer' as const, ...secret } : { kind: 'none' as const };
  return { kind: 'dicomweb', name: f.name.trim(), baseUrl: f.baseUrl.trim(), auth, ...(f.caFile.trim() === '' ? {} : { caFile: f.caFile.trim() }) };
}

export interface PacsNodeSettingsProps {
  readonly host: HostApi;
  readonly list: PacsNodeList;
  /** The node edited; undefined: a new one. */
  readonly node: PacsNodeView | undefined;
  readonly onDone: (list: PacsNodeList | null, savedId?: string) => void;
}

/** Add or edit one PACS node. A password typed here goes to main once; the form never gets one back. */
export function PacsNodeSettings({ host, list, node, onDone }: PacsNodeSettingsProps) {
  const [f, setF] = useState<Fields>(() => fieldsOf(node));
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Fields>(key: K, value: Fields[K]): void => setF((old) => ({ ...old, [key]: value }));
  const secretSet = node?.kind === 'dicomweb' && node.auth.kind !== 'none' && node.auth.secretSet;
  const canKeep = list.secretStore === 'safe-storage';

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (f.name.trim() === '') return setMessage('Give the node a name.');
    if (f.kind === 'dicomweb' && f.baseUrl.trim() === '') return setMessage('Give the DICOMweb address, e.g. https://pacs.example/dicom-web.');
    if (f.kind === 'dimse' && !(Number.isInteger(Number(f.port)) && Number(f.port) >= 1 && Number(f.port) <= 65535)) return setMessage('The port is a number from 1 to 65535.');
    setBusy(true);
    host.pacsSaveNode({ ...(node === undefined ? {} : { id: node.id }), node: inputOf(f) }).then(
      (answer) => {
        setBusy(false);
        if (answer.status === 'failed') return setMessage(answer.message);
        const { status: _status, id, ...rest } = answer;
        onDone(rest, id);
      },
      () => {
        setBusy(false);
        setMessage('The settings could not be saved: check each field (AE titles are at most 16 characters, the address starts with http:// or https://).');
      },
    );
  };

  return (
    <form className="pacs-settings" onSubmit={submit} aria-label="PACS node settings">
      <label>
        Kind
        <select value={f.kind} onChange={(e) => set('kind', e.target.value as Kind)}>
          <option value="dicomweb">DICOMweb</option>
          <option value="dimse">DIMSE (DICOM network)</option>
        </select>
      </label>
      <label>
        Name
        <input value={f.name} onChange={(e) => set('name', e.target.value)} maxLength={64} />
      </label>
      {f.kind === 'dicomweb' ? (
        <>
          <label>
            DICOMweb address
            <input value={f.baseUrl} onChange={(e) => set('baseUrl', e.target.value)} placeholder="https://pacs.example/dicom-web" spellCheck={false} />
          </label>
          <label>
            Authentication
            <select value={f.auth} onChange={(e) => set('auth', e.target.value as AuthKind)}>
              <option value="none">None</option>
              <option value="basic">User and password</option>
              <option value="bearer">Bearer token</option>
            </select>
          </label>
          {f.auth === 'basic' ? (
            <label>
              User
              <input value={f.user} onChange={(e) => set('user', e.target.value)} autoComplete="off" spellCheck={false} />
            </label>
          ) : null}
          {f.auth !== 'none' && canKeep ? (
            <label>
              {f.auth === 'bearer' ? 'Token' : 'Password'}
              <input type="password" value={f.secret} onChange={(e) => set('secret', e.target.value)} autoComplete="off" placeholder={secretSet ? 'set (leave empty to keep it)' : ''} />
            </label>
          ) : null}
          {f.auth !== 'none' && !canKeep ? <p className="pacs-warning">{list.secretNote}</p> : null}
          <label>
            CA certificate file (optional)
            <input value={f.caFile} onChange={(e) => set('caFile', e.target.value)} placeholder="/path/to/hospital-ca.pem" spellCheck={false} />
          </label>
        </>
      ) : (
        <>
          <label>
            Called AE title
            <input value={f.calledAet} onChange={(e) => set('calledAet', e.target.value)} maxLength={16} spellCheck={false} />
          </label>
          <label>
            Host
            <input value={f.host} onChange={(e) => set('host', e.target.value)} spellCheck={false} />
          </label>
          <label>
            Port
            <input value={f.port} onChange={(e) => set('port', e.target.value)} inputMode="numeric" />
          </label>
          <label>
            Calling AE title (this app)
            <input value={f.callingAet} onChange={(e) => set('callingAet', e.target.value)} maxLength={16} spellCheck={false} />
          </label>
          <label className="pacs-check">
            <input type="checkbox" checked={f.tls} onChange={(e) => set('tls', e.target.checked)} /> TLS
          </label>
        </>
      )}
      <div className="pacs-buttons">
        <button type="submit" disabled={busy}>
          Save node
        </button>
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
      {message !== null ? <p className="open-message">{message}</p> : null}
    </form>
  );
}
