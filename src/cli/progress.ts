// Import progress for people: a bar with rows/s and ETA on a terminal, a plain line every few
// seconds otherwise (CI logs, pipes). Writes to stderr so stdout stays the command's output.
import cliProgress from 'cli-progress';
import type { ImportProgress } from '../domain/import/import-report.js';

export interface ProgressReporter {
  update(progress: ImportProgress): void;
  stop(): void;
}

const mb = (bytes: number): string => (bytes / 1_048_576).toFixed(1);

export function createImportProgress(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  let current: string | undefined;
  let startedAt = 0;
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format: '{file} |{bar}| {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted} | {phase}',
        hideCursor: true,
        clearOnComplete: false,
      },
      cliProgress.Presets.shades_classic,
    );
    return {
      update(p) {
        if (p.path !== current) {
          if (current) bar.stop();
          current = p.path;
          startedAt = performance.now();
          bar.start(p.totalBytes, 0, { file: p.file.padEnd(15), rows: 0, rate: 0, phase: p.phase });
        }
        const seconds = (performance.now() - startedAt) / 1000;
        bar.update(p.bytesRead, { rows: p.rowsRead, rate: seconds > 0 ? Math.round(p.rowsRead / seconds) : 0, phase: p.phase });
      },
      stop() {
        if (current) bar.stop();
      },
    };
  }
  let lastLine = 0;
  return {
    update(p) {
      const now = performance.now();
      if (p.path !== current) {
        current = p.path;
        startedAt = now;
        lastLine = 0;
      }
      // A file big enough to report reading progress (a chunk of rows staged) says so at once, so a
      // log shows which file a long import is on; then a line every 5 s.
      const firstReading = p.phase === 'reading' && lastLine === 0;
      if (!firstReading && now - (lastLine || startedAt) < 5000) return;
      lastLine = now;
      const seconds = (now - startedAt) / 1000;
      const rate = seconds > 0 ? Math.round(p.rowsRead / seconds) : 0;
      stream.write(`${p.file}: ${p.phase} ${mb(p.bytesRead)}/${mb(p.totalBytes)} MB, ${p.rowsRead} rows, ${rate} rows/s\n`);
    },
    stop() {},
  };
}
