import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ConnectionForm } from '../../../src/renderer/src/features/connections/connection-form';
import {
  emptyConnectionForm,
  formFromProfile,
  toProfileInput,
  validateConnectionForm,
} from '../../../src/renderer/src/features/connections/connection-form-model';
import type { ProfileView } from '../../../src/shared/contract/connections';
import { fakeClient, renderWithProviders } from './test-providers';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';

const saved: ProfileView = {
  id: 'p1',
  name: 'Production',
  bootstrapServers: ['kafka-1:9093', 'kafka-2:9093'],
  clientId: 'kafka-lanes',
  readOnly: true,
  color: '#ef4444',
  builtIn: false,
  tls: { enabled: true, hasCa: true, hasCert: false, hasKey: false, rejectUnauthorized: true },
  sasl: { mechanism: 'scram-sha-512', username: 'alice', hasPassword: true },
};

describe('connection form model', () => {
  it('requires a name and host:port servers, and names the bad ones', () => {
    const errors = validateConnectionForm({ ...emptyConnectionForm(), bootstrapServers: 'localhost:9092, nope' });
    expect(errors.name).toBeDefined();
    expect(errors.bootstrapServers).toBe('Not host:port: nope');
  });

  it('keeps saved secrets unless replaced or removed, and drops TLS when it is switched off', () => {
    const editing = formFromProfile(saved);
    expect(validateConnectionForm(editing)).toEqual({});
    const unchanged = toProfileInput(editing);
    expect(unchanged).toMatchObject({ id: 'p1', bootstrapServers: ['kafka-1:9093', 'kafka-2:9093'], readOnly: true });
    expect(unchanged.tls).toEqual({ enabled: true, rejectUnauthorized: true });
    expect(unchanged.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'alice' });

    const removedCa = toProfileInput({ ...editing, pem: { ...editing.pem, ca: { ...editing.pem.ca, remove: true } } });
    expect(removedCa.tls?.ca).toBe('');
    expect(toProfileInput({ ...editing, tlsEnabled: false }).tls).toBeUndefined();
  });

  it('asks for a password when the user name changes, since the saved one belongs to the old name', () => {
    const editing = formFromProfile(saved);
    expect(validateConnectionForm({ ...editing, username: 'bob' }).password).toBe('SASL needs a password.');
  });

  it('checks PEM text and that a client certificate comes with its key', () => {
    const form = { ...emptyConnectionForm(), name: 'x', bootstrapServers: 'h:1', tlsEnabled: true };
    expect(validateConnectionForm({ ...form, pem: { ...form.pem, ca: { text: 'hello', saved: false, remove: false } } }).ca).toMatch(/not PEM/);
    expect(validateConnectionForm({ ...form, pem: { ...form.pem, cert: { text: PEM, saved: false, remove: false } } }).key).toMatch(/go together/);
  });
});

describe('<ConnectionForm>', () => {
  it('tests the profile as typed and shows the cause of failure', async () => {
    const user = userEvent.setup();
    const { client, calls } = fakeClient({
      'connections.test': () => ({ ok: false, cause: 'auth', message: 'SASL authentication failed for alice', elapsedMs: 12 }),
    });
    renderWithProviders(<ConnectionForm onSaved={vi.fn()} onCancel={vi.fn()} />, client);
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Staging');
    await user.type(screen.getByRole('textbox', { name: /Bootstrap servers/ }), 'staging-kafka:9092');
    await user.click(screen.getAllByLabelText('Mechanism')[0]!);
    await user.click(await screen.findByRole('option', { name: 'PLAIN' }));
    await user.type(screen.getByRole('textbox', { name: 'User name' }), 'alice');
    await user.type(screen.getByLabelText('Password'), 'pw');
    await user.click(screen.getByRole('button', { name: 'Test' }));

    const result = await screen.findByTestId('connection-test-result');
    expect(result).toHaveTextContent('Could not connect (auth)');
    expect(result).toHaveTextContent('SASL authentication failed for alice');
    expect(calls[0]).toEqual({
      method: 'connections.test',
      input: { profile: { name: 'Staging', bootstrapServers: ['staging-kafka:9092'], clientId: 'kafka-lanes', readOnly: false, color: '#3b82f6', sasl: { mechanism: 'plain', username: 'alice', password: 'pw' } } },
    });
  });

  it('shows field errors instead of saving an incomplete profile, then saves a complete one', async () => {
    const user = userEvent.setup();
    const onSaved = vi.fn();
    const { client, calls } = fakeClient({ 'connections.save': (input) => ({ ...saved, ...input, id: 'new', builtIn: false }) });
    renderWithProviders(<ConnectionForm onSaved={onSaved} onCancel={vi.fn()} />, client);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Give the connection a name.')).toBeInTheDocument();
    expect(calls).toEqual([]);

    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Local copy');
    await user.type(screen.getByRole('textbox', { name: /Bootstrap servers/ }), 'localhost:9092');
    await user.click(screen.getByRole('switch', { name: /Read-only/ }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await vi.waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(calls[0]?.input).toMatchObject({ name: 'Local copy', readOnly: true, bootstrapServers: ['localhost:9092'] });
  });
});
