// A private CA with a server certificate for 127.0.0.1 and a client certificate, made with the
// openssl command line (P-256, valid one day) — the shape of a municipality's private PKI between
// its back office and its kiosks. For the TLS tests only.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TlsFiles {
  dir: string;
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** A CA the server's certificate does not chain to. */
  otherCaCert: string;
  read(file: string): Buffer;
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

function selfSignedCa(dir: string, name: string): void {
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1',
    '-subj', `/CN=${name}`, '-keyout', `${name}.key`, '-out', `${name}.crt`], dir);
}

function issue(dir: string, name: string, ca: string, ext: string): void {
  openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', `/CN=${name}`,
    '-keyout', `${name}.key`, '-out', `${name}.csr`], dir);
  writeFileSync(join(dir, `${name}.ext`), ext);
  openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial',
    '-days', '1', '-extfile', `${name}.ext`, '-out', `${name}.crt`], dir);
}

export function makeTlsFiles(): TlsFiles {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-tls-'));
  selfSignedCa(dir, 'municipal-ca');
  selfSignedCa(dir, 'other-ca');
  issue(dir, 'backoffice', 'municipal-ca', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  issue(dir, 'kiosk', 'municipal-ca', 'extendedKeyUsage=clientAuth\n');
  const at = (f: string) => join(dir, f);
  return {
    dir,
    caCert: at('municipal-ca.crt'),
    serverCert: at('backoffice.crt'),
    serverKey: at('backoffice.key'),
    clientCert: at('kiosk.crt'),
    clientKey: at('kiosk.key'),
    otherCaCert: at('other-ca.crt'),
    read: (file) => readFileSync(file),
  };
}
