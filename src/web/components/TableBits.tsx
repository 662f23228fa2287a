// Small pieces every table of members repeats: the link to a member's record, and the header of
// a column of buttons (named for screen readers, empty on screen).
import { Anchor, Table, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';

export function MemberLink({ id }: { id: string }): React.JSX.Element {
  return (
    <Anchor component={Link} to={`/members/${encodeURIComponent(id)}`}>
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
