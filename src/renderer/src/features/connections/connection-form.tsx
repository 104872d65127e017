// Add or edit a cluster profile: servers, TLS, SASL, colour, read-only.
// "Test" tries the profile as typed, before (or without) saving it.
import { Button, ColorInput, Divider, Group, PasswordInput, Select, Stack, Switch, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { ProfileView } from '../../../../shared/contract/connections';
import { useSaveConnection, useTestConnection } from '../../api/use-connections';
import { ErrorNotice } from '../../components/error-notice';
import { emptyConnectionForm, formFromProfile, toProfileInput, validateConnectionForm, type ConnectionFormValues, type SaslChoice } from './connection-form-model';
import { ConnectionTestResult } from './connection-test-result';
import { PemField } from './pem-field';

const SWATCHES = ['#10b981', '#3b82f6', '#8b5cf6', '#f59e0b', '#ef4444', '#64748b'];
const SASL_OPTIONS = [
  { value: 'none', label: 'None' },
  { value: 'plain', label: 'PLAIN' },
  { value: 'scram-sha-256', label: 'SCRAM-SHA-256' },
  { value: 'scram-sha-512', label: 'SCRAM-SHA-512' },
];

interface ConnectionFormProps {
  profile?: ProfileView;
  onSaved: (saved: ProfileView) => void;
  onCancel: () => void;
}

export function ConnectionForm({ profile, onSaved, onCancel }: ConnectionFormProps) {
  const [values, setValues] = useState<ConnectionFormValues>(() => (profile ? formFromProfile(profile) : emptyConnectionForm()));
  const [showErrors, setShowErrors] = useState(false);
  const save = useSaveConnection();
  const test = useTestConnection();
  const errors = validateConnectionForm(values);
  const shown = showErrors ? errors : {};
  const valid = Object.keys(errors).length === 0;
  const set = <K extends keyof ConnectionFormValues>(key: K, value: ConnectionFormValues[K]) => setValues((current) => ({ ...current, [key]: value }));

  const submit = (action: 'save' | 'test') => {
    setShowErrors(true);
    if (!valid) return;
    const input = toProfileInput(values);
    if (action === 'save') save.mutate(input, { onSuccess: onSaved });
    else test.mutate({ profile: input });
  };

  return (
    <form
      aria-label={profile ? `Edit ${profile.name}` : 'New connection'}
      onSubmit={(event) => {
        event.preventDefault();
        submit('save');
      }}
    >
      <Stack gap="sm">
        <TextInput label="Name" withAsterisk value={values.name} error={shown.name} onChange={(e) => set('name', e.currentTarget.value)} data-autofocus />
        <Textarea
          label="Bootstrap servers"
          description="host:port, separated by commas or new lines"
          withAsterisk
          autosize
          minRows={1}
          value={values.bootstrapServers}
          error={shown.bootstrapServers}
          onChange={(e) => set('bootstrapServers', e.currentTarget.value)}
        />
        <Group grow align="flex-start">
          <TextInput label="Client id" value={values.clientId} error={shown.clientId} onChange={(e) => set('clientId', e.currentTarget.value)} />
          <ColorInput label="Colour" value={values.color} error={shown.color} swatches={SWATCHES} onChange={(value) => set('color', value)} />
        </Group>
        <Switch
          label="Read-only"
          description="Refuse every write (create, delete, produce, reset) on this cluster"
          checked={values.readOnly}
          onChange={(e) => set('readOnly', e.currentTarget.checked)}
        />
        <Divider label="Authentication (SASL)" labelPosition="left" />
        <Select label="Mechanism" data={SASL_OPTIONS} allowDeselect={false} value={values.sasl} onChange={(value) => set('sasl', (value ?? 'none') as SaslChoice)} />
        {values.sasl !== 'none' ? (
          <Group grow align="flex-start">
            <TextInput label="User name" value={values.username} error={shown.username} onChange={(e) => set('username', e.currentTarget.value)} />
            <PasswordInput
              label="Password"
              placeholder={values.hasSavedPassword ? 'Saved — type to replace' : ''}
              value={values.password}
              error={shown.password}
              onChange={(e) => set('password', e.currentTarget.value)}
            />
          </Group>
        ) : null}
        <Divider label="Encryption (TLS)" labelPosition="left" />
        <Switch label="Use TLS" checked={values.tlsEnabled} onChange={(e) => set('tlsEnabled', e.currentTarget.checked)} />
        {values.tlsEnabled ? (
          <Stack gap="xs">
            <PemField label="CA certificate (empty: the system's trusted CAs)" value={values.pem.ca} error={shown.ca} onChange={(pem) => set('pem', { ...values.pem, ca: pem })} />
            <PemField label="Client certificate (mutual TLS)" value={values.pem.cert} error={shown.cert} onChange={(pem) => set('pem', { ...values.pem, cert: pem })} />
            <PemField label="Client key" value={values.pem.key} error={shown.key} onChange={(pem) => set('pem', { ...values.pem, key: pem })} />
            <Switch
              label="Verify the server's certificate"
              description="Switch off only for self-signed development clusters"
              checked={values.rejectUnauthorized}
              onChange={(e) => set('rejectUnauthorized', e.currentTarget.checked)}
            />
          </Stack>
        ) : null}
        {test.data ? <ConnectionTestResult result={test.data} /> : null}
        {test.error ? <ErrorNotice error={test.error} /> : null}
        {save.error ? <ErrorNotice error={save.error} /> : null}
        <Group justify="space-between">
          <Button variant="default" onClick={() => submit('test')} loading={test.isPending}>
            Test
          </Button>
          <Group gap="xs">
            <Button variant="subtle" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
