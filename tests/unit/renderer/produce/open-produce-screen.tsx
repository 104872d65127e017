// The Produce screen on a real backend, opened at a topic as the route would,
// with the harness's connection active; the copies field filled in; and the
// reset between tests (the history store and the route outlive a render).
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ProduceScreen } from '../../../../src/renderer/src/features/produce/produce-screen';
import { useProduceHistory } from '../../../../src/renderer/src/stores/produce-history-store';
import { useUiStore } from '../../../../src/renderer/src/stores/ui-store';
import type { ClusterHarness } from '../../../integration/backend/helpers';
import { renderWithProviders } from '../test-providers';

export type User = ReturnType<typeof userEvent.setup>;

export function openProduceScreen(h: ClusterHarness, topic: string): User {
  const user = userEvent.setup();
  window.location.hash = `#/produce/${topic}`;
  useUiStore.getState().setActiveConnection(h.connectionId);
  renderWithProviders(<ProduceScreen />, h.client);
  return user;
}

export async function fillValueAndCopies(user: User, value: string, copies: number): Promise<void> {
  // Pasted: typed, "{{" would be read as a key descriptor.
  await user.click(screen.getByRole('textbox', { name: 'Value' }));
  await user.paste(value);
  const field = screen.getByRole('textbox', { name: 'Copies' });
  await user.clear(field);
  await user.type(field, String(copies));
}

export function resetProduceScreen(): void {
  useProduceHistory.getState().clear();
  window.location.hash = '';
}
