// Small pieces every table of members repeats: the link to a member's record, and the header of
// a column of buttons (named for screen readers, empty on screen). Links are at least 24 px
// tall (WCAG 2.5.8), so one under another (a member and their phone) are each easy to hit.
import { Anchor, Table, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';

/** The smallest target WCAG 2.2 AA allows, for a link in running text. */
export const TARGET = { display: 'inline-block', minHeight: 24, lineHeight: '24px' } as const;

export function MemberLink({ id }: { id: string }): React.JSX.Element {
  return (
    <Anchor component={Link} to={`/members/${encodeURIComponent(id)}`} style={TARGET}>
      {id}
    </Anchor>
  );
}

export function ActionColumnHeader(): React.JSX.Element {
  return (
    <Table.Th>
      <VisuallyHidden>Action</VisuallyHidden>
    </Table.Th>
  );
}
