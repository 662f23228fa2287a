// Previous / Next over cursor pages: keeps the stack of cursors that led to the current page.
import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';

export function Pager({
  cursors,
  next,
  onChange,
  children,
}: {
  cursors: string[];
  next: string | null | undefined;
  onChange: (cursors: string[]) => void;
  children?: ReactNode;
}) {
  return (
    <Group>
      <Button variant="default" disabled={cursors.length === 0} onClick={() => onChange(cursors.slice(0, -1))}>
        Previous
      </Button>
      <Button variant="default" disabled={!next} onClick={() => next && onChange([...cursors, next])}>
        Next
      </Button>
      {children}
    </Group>
  );
}
