// A page's one h1 (sized as the app's page titles have always been), which also names the browser
// tab, so every page has a unique title a screen reader announces and a history entry shows.
import { Title } from '@mantine/core';
import { useEffect } from 'react';

export function PageTitle({ children, id }: { children: string; id?: string }): React.JSX.Element {
  useEffect(() => {
    document.title = `${children} · Diplomat`;
  }, [children]);
  return (
    <Title order={1} size="h2" id={id}>
      {children}
    </Title>
  );
}
