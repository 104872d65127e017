import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src/backend/errors';
import { LANE_NOT_FOUND, MEMBER_NOT_FOUND } from '../../../src/backend/lanes/lane-service';
import { MEMBER_LIMIT } from '../../../src/backend/lanes/lane';
import { describeError, ERROR_SENTENCES } from '../../../src/renderer/src/api/error-sentences';
import { ErrorNotice } from '../../../src/renderer/src/components/error-notice';
import { failure, fakeClient, renderWithProviders } from './test-providers';

describe('error sentences', () => {
  it('has a sentence for every code the backend and the transports answer with', () => {
    const transportCodes = ['TRANSPORT_ERROR', 'INVALID_INPUT', 'INVALID_MESSAGE', 'UNKNOWN_METHOD', 'UNKNOWN_STREAM', 'INTERNAL_ERROR'];
    const codes = [...Object.values(ErrorCode), LANE_NOT_FOUND, MEMBER_NOT_FOUND, MEMBER_LIMIT, ...transportCodes];
    const missing = codes.filter((code) => !ERROR_SENTENCES[code]);
    expect(missing).toEqual([]);
    for (const code of codes) {
      const sentence = ERROR_SENTENCES[code]!;
      expect(sentence.what, code).toMatch(/\.$/);
      expect(sentence.todo, code).toMatch(/[.)]$/);
    }
  });

  it('describes a rejected call from its code, keeping the backend message as the detail', () => {
    const described = describeError(failure('READ_ONLY_CONNECTION', 'Connection "prod" is read-only.'));
    expect(described.what).toBe('This connection is read-only, so the change was refused.');
    expect(described.todo).toContain('Read-only');
    expect(described.detail).toBe('Connection "prod" is read-only.');
  });

  it('falls back to a generic sentence for an unknown code and to INTERNAL_ERROR for a plain Error', () => {
    expect(describeError(failure('SOMETHING_NEW', 'x')).what).toBe('Something went wrong.');
    expect(describeError(new Error('boom'))).toMatchObject({ code: 'INTERNAL_ERROR', detail: 'boom' });
  });

  it('renders what happened, what to do and the detail', () => {
    renderWithProviders(<ErrorNotice error={failure('TOPIC_ALREADY_EXISTS', 'Topic "orders" already exists.')} />, fakeClient().client);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('A topic with that name already exists.');
    expect(alert).toHaveTextContent('Pick another name, or use the existing topic.');
    expect(alert).toHaveTextContent('Topic "orders" already exists. (TOPIC_ALREADY_EXISTS)');
  });
});
