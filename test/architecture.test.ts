// The shape of the code, checked: no import cycles between files or between the domain areas
// (src/domain/<area>), so every area can be read, tested and changed from the bottom up.
// (Layering rules — SQL only in queries, no HTTP in services — are ESLint's; see eslint.config.js.)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Relative imports (type-only ones included: they still tie the modules together). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((m) => {
    const target = resolve(dirname(file), m[1]!).replace(/\.js$/, '');
    for (const ext of ['.ts', '.tsx']) if (statSync(target + ext, { throwIfNoEntry: false })) return target + ext;
    return target;
  });
}

/** One cycle of the graph, or null. */
function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

const files = sourceFiles(SRC);
const edges = files.map((file) => [file, importsOf(file)] as const);
const areaOf = (file: string): string | null => /^domain\/([^/]+)\//.exec(relative(SRC, file))?.[1] ?? null;

describe('architecture', () => {
  it('has no import cycle between files', () => {
    const graph = new Map(edges.map(([file, targets]) => [file, new Set(targets)]));
    expect(findCycle(graph)?.map((f) => relative(SRC, f)) ?? null).toBeNull();
  });

  it('has no import cycle between domain areas', () => {
    const graph = new Map<string, Set<string>>();
    for (const [file, targets] of edges) {
      const from = areaOf(file);
      if (!from) continue;
      for (const target of targets) {
        const to = areaOf(target);
        if (to && to !== from) graph.set(from, (graph.get(from) ?? new Set()).add(to));
      }
    }
    expect(graph.size).toBeGreaterThan(5);
    expect(findCycle(graph)).toBeNull();
  });
});
