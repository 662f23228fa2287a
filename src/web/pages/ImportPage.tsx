// Import: upload the CSV or FHIR files, watch the job, see the counts and download the rejects.
import { Alert, Anchor, Button, FileInput, List, Progress, Stack, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import type { FhirReport } from '../../domain/import/fhir/fhir-report';
import { FhirAccounts } from '../components/FhirAccounts';
import { PageTitle } from '../components/PageTitle';

interface JobFile {
  file: string;
  name: string;
  rows_read: number;
  accepted: number;
  updated: number;
  duplicates: number;
  rejected: number;
  has_rejects: boolean;
  error: string | null;
  warnings: string[];
}

export function ImportPage() {
  const [files, setFiles] = useState<File[]>([]);
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const client = useQueryClient();
  const job = useQuery({
    queryKey: ['job', jobId],
    queryFn: () => api.job(jobId!),
    enabled: jobId !== null,
    refetchInterval: (q) => (q.state.data && ['done', 'failed'].includes(q.state.data.status) ? false : 1000),
  });
  const report = job.data?.report as
    { totals: Record<string, number>; files: JobFile[]; fhir: Pick<FhirReport, 'resources' | 'unreadable'> | null } | null | undefined;
  const progress = job.data?.progress as
    { file: string; phase: string; rows_read: number; bytes_read: number; total_bytes: number } | null | undefined;
  const finished = job.data !== undefined && ['done', 'failed'].includes(job.data.status);
  // Once per finished job (not on every render): the imported rows change every other view.
  useEffect(() => {
    if (finished) void client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'job' && q.queryKey[0] !== 'me' });
  }, [finished, jobId, client]);

  const upload = async (e: React.FormEvent) => {
    e.preventDefault();
    setError(null);
    const form = new FormData();
    for (const f of files) form.append('files', f, f.name);
    try {
      const started = await api.upload(form);
      setJobId(started.job_id);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The server could not be reached.');
    }
  };

  return (
    <Stack maw={900}>
      <PageTitle>Import</PageTitle>
      <Text size="sm" c="dimmed">
        Upload any of partners.csv, staff.csv, campaigns.csv, members.csv, enrollments.csv, care_programs.csv, caseload.csv, renewals.csv,
        member_activity.csv and actions.csv, or FHIR R4: bulk-data NDJSON (Patient.ndjson, Coverage.ndjson…) and Bundles (.json). Good rows
        are kept; rejected rows come back with the reason.
      </Text>
      <form onSubmit={upload} aria-label="Upload import files">
        <Stack>
          <FileInput
            label="Files"
            placeholder="Choose CSV or FHIR files"
            multiple
            accept=".csv,text/csv,.ndjson,.json,.gz,application/fhir+json"
            value={files}
            onChange={setFiles}
            clearable
          />
          <Button type="submit" disabled={files.length === 0} w={160}>
            Upload and import
          </Button>
        </Stack>
      </form>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {job.data && (
        <Stack>
          <Text role="status">
            Job {job.data.status}
            {progress && job.data.status === 'running'
              ? `: ${progress.file}, ${progress.phase}, ${progress.rows_read.toLocaleString('en-US')} rows`
              : ''}
          </Text>
          {progress && job.data.status === 'running' && (
            <Progress value={progress.total_bytes ? (100 * progress.bytes_read) / progress.total_bytes : 0} aria-label="Import progress" />
          )}
          {job.data.error && <Alert color="red">{job.data.error}</Alert>}
          {report?.fhir && <FhirAccounts jobId={job.data.job_id} resources={report.fhir.resources} unreadable={report.fhir.unreadable} />}
          {report && (
            <Table.ScrollContainer minWidth={560}>
              <Table aria-label="Import counts">
                <Table.Thead>
                  <Table.Tr>
                    {['File', 'Read', 'Accepted', 'Updated', 'Duplicates', 'Rejected', ''].map((h) => (
                      <Table.Th key={h}>{h}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.files.map((f) => (
                    <Table.Tr key={f.name}>
                      <Table.Td>{f.name}</Table.Td>
                      <Table.Td>{f.rows_read}</Table.Td>
                      <Table.Td>{f.accepted}</Table.Td>
                      <Table.Td>{f.updated}</Table.Td>
                      <Table.Td>{f.duplicates}</Table.Td>
                      <Table.Td>{f.rejected}</Table.Td>
                      <Table.Td>
                        {f.has_rejects && (
                          <Anchor href={`/api/imports/${job.data!.job_id}/rejects/${f.file}`} download>
                            Download rejects
                          </Anchor>
                        )}
                        {f.error}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          {report && report.files.some((f) => f.warnings.length > 0) && (
            // What an import assumed or left out (a default risk tier, an unknown column) is worth a look.
            <Alert color="yellow" title="Check these" role="note">
              <List size="sm">
                {report.files.flatMap((f) => f.warnings.map((w) => <List.Item key={`${f.name}: ${w}`}>{w}</List.Item>))}
              </List>
            </Alert>
          )}
        </Stack>
      )}
    </Stack>
  );
}
