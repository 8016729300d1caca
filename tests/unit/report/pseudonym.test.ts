// One pseudonym per study: HMAC-SHA-256 (checked against node:crypto and RFC 4231), the study key it makes, and the
// installation secret (created once, 0600; the env-named file wins).
import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hmacSha256, utf8Encode } from '@shared/dicom/write/index';
import { pseudonymousId, remapUid, studySalt } from '@shared/report/deidentify';
import { INSTALLATION_SECRET_ENV, InstallationSecretError, loadInstallationSecret } from '../../../src-main/services/installation-secret';

const OUT = resolve(__dirname, '../../output/report/pseudonym');
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const SECRET_A = 'a'.repeat(64);
const SECRET_B = 'b'.repeat(64);
const STUDY = '1.2.826.0.1.3680043.8.498.1';

describe('HMAC-SHA-256', () => {
  it.each([
    ['RFC 4231 case 2', utf8Encode('Jefe'), utf8Encode('what do ya want for nothing?')],
    ['a key longer than the block', new Uint8Array(131).fill(0xaa), utf8Encode('Test Using Larger Than Block-Size Key - Hash Key First')],
    ['an empty message', utf8Encode(SECRET_A), new Uint8Array(0)],
  ])('%s: as node:crypto computes it', (_name, key, message) => {
    expect(hex(hmacSha256(key, message))).toBe(createHmac('sha256', key).update(message).digest('hex'));
  });

  it('RFC 4231 case 2, by its published value', () => {
    expect(hex(hmacSha256(utf8Encode('Jefe'), utf8Encode('what do ya want for nothing?')))).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });
});

describe('the study key', () => {
  it.each([
    ['the same study on the same installation', SECRET_A, STUDY, true],
    ['the same study on another installation', SECRET_B, STUDY, false],
    ['another study on the same installation', SECRET_A, `${STUDY}.2`, false],
  ])('%s: same pseudonym %s', (_name, secret, study, same) => {
    const a = studySalt(SECRET_A, STUDY);
    const b = studySalt(secret, study);
    expect(pseudonymousId('PAT-1', b) === pseudonymousId('PAT-1', a)).toBe(same);
    expect(remapUid(STUDY, b) === remapUid(STUDY, a)).toBe(same);
  });

  it('never carries the secret, and refuses a short one', () => {
    expect(studySalt(SECRET_A, STUDY).salt).not.toContain(SECRET_A);
    expect(() => studySalt('short', STUDY)).toThrow(RangeError);
  });
});

describe('the installation secret', () => {
  it('is created once (0600) and read back the same; the file named by the environment wins', async () => {
    rmSync(OUT, { recursive: true, force: true });
    const dir = join(OUT, 'app-data');
    const first = await loadInstallationSecret(dir, {});
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(join(dir, 'installation-secret')).mode & 0o777).toBe(0o600);
    expect(await loadInstallationSecret(dir, {})).toBe(first);
    mkdirSync(OUT, { recursive: true });
    const named = join(OUT, 'shared-secret');
    writeFileSync(named, `${SECRET_B}\n`);
    expect(await loadInstallationSecret(dir, { [INSTALLATION_SECRET_ENV]: named })).toBe(SECRET_B);
    writeFileSync(named, 'too short');
    await expect(loadInstallationSecret(dir, { [INSTALLATION_SECRET_ENV]: named })).rejects.toBeInstanceOf(InstallationSecretError);
    expect(readFileSync(join(dir, 'installation-secret'), 'utf8').trim()).toBe(first);
  });
});
