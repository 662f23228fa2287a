// Where every FHIR resource of an import went, per type: imported, used in another row, ignored
// (with why) or rejected — so a user sees that nothing was silently dropped.
import { Anchor, Table, Text } from '@mantine/core';
import type { FhirTypeAccount } from '../../domain/import/fhir/fhir-report';

export function FhirAccounts({
  jobId,
  resources,
  unreadable,
}: {
  jobId: string;
  resources: Record<string, FhirTypeAccount>;
  unreadable: number;
}) {
  const anyRejected = unreadable > 0 || Object.values(resources).some((a) => a.rejected > 0);
  return (
    <>
      <Table.ScrollContainer minWidth={560}>
        <Table aria-label="FHIR resources">
          <Table.Thead>
            <Table.Tr>
              {['FHIR resource', 'Read', 'Imported', 'Used', 'Ignored', 'Rejected'].map((h) => (
                <Table.Th key={h}>{h}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {Object.entries(resources).map(([type, a]) => (
              <Table.Tr key={type}>
                <Table.Td>{type}</Table.Td>
                <Table.Td>{a.read}</Table.Td>
                <Table.Td>{a.imported}</Table.Td>
                <Table.Td>{a.used}</Table.Td>
                <Table.Td
                  title={Object.entries(a.ignored_because)
                    .map(([why, n]) => `${n}: ${why}`)
                    .join('\n')}
                >
                  {a.ignored}
                </Table.Td>
                <Table.Td>{a.rejected}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm" c="dimmed">
        Used: read into another resource&apos;s row (a PractitionerRole into its practitioner, claims into enrollment spans). Ignored: types
        Diplomat does not import, or resources that are not the plan&apos;s action (hover for why).
        {unreadable > 0 && ` ${unreadable} line(s) were not FHIR resources at all.`}
      </Text>
      {anyRejected && (
        <Text size="sm">
          Rejected resources were not imported; the others were kept. The download says, for each, its file and line (or Bundle entry), the
          element and why. Fix them at the source and import the file again: what was imported already counts as duplicates.{' '}
          <Anchor href={`/api/imports/${jobId}/rejects/fhir`} download>
            Download rejected FHIR resources
          </Anchor>
        </Text>
      )}
    </>
  );
}
