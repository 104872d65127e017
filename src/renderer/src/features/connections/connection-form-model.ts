// The connection form's values, their validation, and the profile they save
// as. Secrets follow the contract: left out keeps the stored one, "" removes it.
import type { ProfileView } from '../../../../shared/contract/connections';
import type { ProfileInput } from '../../api/use-connections';

export type SaslChoice = 'none' | 'plain' | 'scram-sha-256' | 'scram-sha-512';
export type PemName = 'ca' | 'cert' | 'key';

export interface PemValue {
  /** New PEM text; empty keeps what is saved. */
  text: string;
  /** Whether a value is saved already (editing). */
  saved: boolean;
  /** Remove the saved value. */
  remove: boolean;
}

export interface ConnectionFormValues {
  id?: string;
  name: string;
  bootstrapServers: string;
  clientId: string;
  color: string;
  readOnly: boolean;
  tlsEnabled: boolean;
  rejectUnauthorized: boolean;
  pem: Record<PemName, PemValue>;
  sasl: SaslChoice;
  username: string;
  password: string;
  /** A saved password is kept only for the same user name. */
  hasSavedPassword: boolean;
  savedUsername: string;
}

export type FormErrors = Partial<Record<'name' | 'bootstrapServers' | 'clientId' | 'color' | 'username' | 'password' | PemName, string>>;

const HOST_PORT = /^[^\s:]+:\d{1,5}$|^\[[0-9a-fA-F:]+\]:\d{1,5}$/;
const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]+-----[\s\S]+-----END [A-Z0-9 ]+-----/;
const emptyPem = (saved = false): PemValue => ({ text: '', saved, remove: false });

export function emptyConnectionForm(): ConnectionFormValues {
  return {
    name: '',
    bootstrapServers: '',
    clientId: 'kafka-lanes',
    color: '#3b82f6',
    readOnly: false,
    tlsEnabled: false,
    rejectUnauthorized: true,
    pem: { ca: emptyPem(), cert: emptyPem(), key: emptyPem() },
    sasl: 'none',
    username: '',
    password: '',
    hasSavedPassword: false,
    savedUsername: '',
  };
}

export function formFromProfile(profile: ProfileView): ConnectionFormValues {
  return {
    id: profile.id,
    name: profile.name,
    bootstrapServers: profile.bootstrapServers.join(', '),
    clientId: profile.clientId,
    color: profile.color,
    readOnly: profile.readOnly,
    tlsEnabled: profile.tls?.enabled ?? false,
    rejectUnauthorized: profile.tls?.rejectUnauthorized ?? true,
    pem: { ca: emptyPem(profile.tls?.hasCa), cert: emptyPem(profile.tls?.hasCert), key: emptyPem(profile.tls?.hasKey) },
    sasl: profile.sasl?.mechanism ?? 'none',
    username: profile.sasl?.username ?? '',
    password: '',
    hasSavedPassword: profile.sasl?.hasPassword ?? false,
    savedUsername: profile.sasl?.username ?? '',
  };
}

export function splitServers(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

const willHave = (pem: PemValue) => pem.text.trim() !== '' || (pem.saved && !pem.remove);

export function validateConnectionForm(values: ConnectionFormValues): FormErrors {
  const errors: FormErrors = {};
  if (values.name.trim() === '') errors.name = 'Give the connection a name.';
  else if (values.name.trim().length > 100) errors.name = 'At most 100 characters.';
  const servers = splitServers(values.bootstrapServers);
  const bad = servers.filter((server) => !HOST_PORT.test(server));
  if (servers.length === 0) errors.bootstrapServers = 'Enter at least one host:port, e.g. localhost:9092.';
  else if (bad.length > 0) errors.bootstrapServers = `Not host:port: ${bad.join(', ')}`;
  if (values.clientId.trim() === '') errors.clientId = 'A client id is required.';
  if (!/^#[0-9a-fA-F]{6}$/.test(values.color)) errors.color = 'Pick a colour like #3b82f6.';
  if (values.sasl !== 'none') {
    if (values.username.trim() === '') errors.username = 'SASL needs a user name.';
    const keepsSaved = values.hasSavedPassword && values.username.trim() === values.savedUsername;
    if (values.password === '' && !keepsSaved) errors.password = 'SASL needs a password.';
  }
  if (values.tlsEnabled) {
    for (const name of ['ca', 'cert', 'key'] as const) {
      const text = values.pem[name].text.trim();
      if (text !== '' && !PEM_BLOCK.test(text)) errors[name] = 'This is not PEM text (-----BEGIN …----- … -----END …-----).';
    }
    if (willHave(values.pem.cert) !== willHave(values.pem.key)) {
      const missing = willHave(values.pem.cert) ? 'key' : 'cert';
      errors[missing] = 'A client certificate and its key go together: give both or neither.';
    }
  }
  return errors;
}

function pemField(pem: PemValue): string | undefined {
  if (pem.text.trim() !== '') return pem.text.trim();
  if (pem.remove) return '';
  return undefined;
}

/** The profile to save or test. Only call with values that validate. */
export function toProfileInput(values: ConnectionFormValues): ProfileInput {
  const input: ProfileInput = {
    ...(values.id ? { id: values.id } : {}),
    name: values.name.trim(),
    bootstrapServers: splitServers(values.bootstrapServers),
    clientId: values.clientId.trim(),
    readOnly: values.readOnly,
    color: values.color.toLowerCase(),
  };
  if (values.tlsEnabled) {
    const tls: NonNullable<ProfileInput['tls']> = { enabled: true, rejectUnauthorized: values.rejectUnauthorized };
    for (const name of ['ca', 'cert', 'key'] as const) {
      const value = pemField(values.pem[name]);
      if (value !== undefined) tls[name] = value;
    }
    input.tls = tls;
  }
  if (values.sasl !== 'none') {
    input.sasl = { mechanism: values.sasl, username: values.username.trim(), ...(values.password !== '' ? { password: values.password } : {}) };
  }
  return input;
}
