import { EmptyState } from '@mantine/core';
import type { ReactNode } from 'react';

interface EmptyNoticeProps {
  title: string;
  description: ReactNode;
  action?: ReactNode;
}

export function EmptyNotice({ title, description, action }: EmptyNoticeProps) {
  return (
    <EmptyState py="xl" title={title} description={description} data-testid="empty-notice">
      {action ? <EmptyState.Actions>{action}</EmptyState.Actions> : null}
    </EmptyState>
  );
}
