// The first field of the partnership's item forms: pick an existing item to change it, or leave
// it empty to add a new one.
import { Select } from '@mantine/core';

export function PickExisting<T>(props: {
  items: readonly T[];
  id: (item: T) => string;
  name: (item: T) => string;
  newText: string;
  onPick: (item: T) => void;
}) {
  const { items, id, name, newText, onPick } = props;
  return (
    <Select
      label="Change an existing one"
      placeholder={newText}
      data={items.map((x) => ({ value: id(x), label: name(x) }))}
      onChange={(picked) => {
        const found = items.find((x) => id(x) === picked);
        if (found) onPick(found);
      }}
      clearable
      w={230}
    />
  );
}
