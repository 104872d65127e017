// A first look at a bootstrap address before any Kafka client is involved:
// can we connect, does TLS agree, and does the other side speak Kafka? It
// sends one ApiVersions v0 request (which Kafka answers even before SASL) and
// checks that the answer is a well-formed frame with our correlation id. This
// is what lets "test connection" name the cause instead of a generic timeout.
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { ConnectionSettings } from '../kafka/profile-types.js';

export type ProbeOutcome = { ok: true } | { ok: false; cause: 'unreachable' | 'tls' | 'not-kafka' | 'timeout'; message: string };

const API_VERSIONS_KEY = 18;
const CORRELATION_ID = 0x4b4c5052;
/** Largest answer we accept to a bare ApiVersions: anything bigger is not Kafka talking. */
const MAX_PLAUSIBLE_FRAME = 1024 * 1024;
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

export function splitHostPort(address: string): { host: string; port: number } {
  const bracketed = /^\[(.+)\]:(\d+)$/.exec(address);
  if (bracketed) return { host: bracketed[1], port: Number(bracketed[2]) };
  const colon = address.lastIndexOf(':');
  return { host: address.slice(0, colon), port: Number(address.slice(colon + 1)) };
}

function apiVersionsRequest(clientId: string): Buffer {
  const id = Buffer.from(clientId, 'utf8');
  const frame = Buffer.alloc(4 + 2 + 2 + 4 + 2 + id.length);
  frame.writeInt32BE(frame.length - 4, 0);
  frame.writeInt16BE(API_VERSIONS_KEY, 4);
  frame.writeInt16BE(0, 6);
  frame.writeInt32BE(CORRELATION_ID, 8);
  frame.writeInt16BE(id.length, 12);
  id.copy(frame, 14);
  return frame;
}

function looksLikeTlsRecord(data: Buffer): boolean {
  // A TLS record: content type alert (21) or handshake (22), then version 3.x.
  return data.length >= 2 && (data[0] === 0x15 || data[0] === 0x16) && data[1] === 0x03;
}

function preview(data: Buffer): string {
  const text = data.subarray(0, 16).toString('latin1').replace(/[^\x20-\x7e]/g, '.');
  return `${data.subarray(0, 8).toString('hex').replace(/(..)/g, '$1 ').trim()} "${text}"`;
}

function openSocket(address: { host: string; port: number }, tls: ConnectionSettings['tls'], lenientTls = false): Socket {
  if (!tls?.enabled && !lenientTls) return netConnect({ host: address.host, port: address.port });
  return tlsConnect({
    host: address.host,
    port: address.port,
    ...(isIP(address.host) === 0 ? { servername: address.host } : {}),
    rejectUnauthorized: lenientTls ? false : tls!.rejectUnauthorized,
    ...(tls?.ca && !lenientTls ? { ca: [tls.ca] } : {}),
    ...(tls?.cert && !lenientTls ? { cert: tls.cert } : {}),
    ...(tls?.key && !lenientTls ? { key: tls.key } : {}),
  });
}

/** True when something at the address completes a TLS handshake (certificate not checked). */
function speaksTls(address: { host: string; port: number }, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = openSocket(address, undefined, true);
    const done = (answer: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('secureConnect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('close', () => done(false));
  });
}

/** Probes one address within `budgetMs` in all (a TLS check after a failed plaintext probe included). */
export async function probeKafka(address: string, settings: ConnectionSettings, budgetMs: number): Promise<ProbeOutcome> {
  const target = splitHostPort(address);
  const timeoutMs = Math.round(budgetMs * 0.6);
  const tlsOn = Boolean(settings.tls?.enabled);
  const outcome = await new Promise<ProbeOutcome>((resolve) => {
    const socket = openSocket(target, settings.tls);
    let received = Buffer.alloc(0);
    let connected = false;
    const finish = (result: ProbeOutcome) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () =>
        finish(
          connected
            ? { ok: false, cause: 'timeout', message: `${address} accepted the connection but sent no Kafka answer within ${timeoutMs} ms.` }
            : { ok: false, cause: 'unreachable', message: `No answer from ${address} within ${timeoutMs} ms: the host may be down or a firewall drops the connection.` },
        ),
      timeoutMs,
    );
    socket.once(tlsOn ? 'secureConnect' : 'connect', () => {
      connected = true;
      socket.write(apiVersionsRequest(settings.clientId));
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 8) return;
      const size = received.readInt32BE(0);
      if (received.readInt32BE(4) === CORRELATION_ID && size >= 4 && size <= MAX_PLAUSIBLE_FRAME) return finish({ ok: true });
      if (!tlsOn && looksLikeTlsRecord(received)) return finish({ ok: false, cause: 'tls', message: `${address} expects TLS, but TLS is off in this profile.` });
      finish({ ok: false, cause: 'not-kafka', message: `${address} answered, but not in the Kafka protocol (it sent ${preview(received)}). Is this the right port?` });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? '';
      if (UNREACHABLE_CODES.has(code)) {
        const reason = code === 'ECONNREFUSED' ? 'nothing is listening there' : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'the host name does not resolve' : error.message;
        return finish({ ok: false, cause: 'unreachable', message: `Cannot connect to ${address}: ${reason} (${code}).` });
      }
      if (tlsOn && !connected) {
        const hint = code === 'ECONNRESET' ? 'the server closed the connection during the handshake; it may not use TLS' : error.message;
        return finish({ ok: false, cause: 'tls', message: `The TLS handshake with ${address} failed: ${hint}.` });
      }
      finish({ ok: false, cause: 'not-kafka', message: `${address} dropped the connection instead of answering a Kafka request (${code || error.message}).` });
    });
    socket.once('close', () => {
      if (tlsOn && !connected) return finish({ ok: false, cause: 'tls', message: `The TLS handshake with ${address} did not complete: the server closed the connection; it may not use TLS.` });
      finish({ ok: false, cause: 'not-kafka', message: `${address} closed the connection without a Kafka answer.` });
    });
  });
  // A plaintext request to a TLS-only listener is often just dropped: check
  // whether the listener speaks TLS, to give the useful answer.
  if (!outcome.ok && !tlsOn && (outcome.cause === 'not-kafka' || outcome.cause === 'timeout') && (await speaksTls(target, budgetMs - timeoutMs))) {
    return { ok: false, cause: 'tls', message: `${address} expects TLS, but TLS is off in this profile.` };
  }
  return outcome;
}
