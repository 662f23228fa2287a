// After `vite build`: writes a Brotli (.br) and a gzip (.gz) copy next to each text asset of
// dist/web, which the server sends to browsers that accept them (@fastify/static preCompressed).
// Compressing once at build time costs nothing per request and needs no dependency (node:zlib).
/* global console */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = join(import.meta.dirname, '..', 'dist', 'web');
const TEXT = /\.(js|css|html|svg|json|txt)$/;

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

let before = 0;
let after = 0;
for (const path of walk(root).filter((p) => TEXT.test(p))) {
  const data = readFileSync(path);
  if (data.length < 1024) continue;
  const br = brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });
  writeFileSync(`${path}.br`, br);
  writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
  before += data.length;
  after += br.length;
}
console.log(`compressed the web assets: ${(before / 1024).toFixed(0)} kB → ${(after / 1024).toFixed(0)} kB (Brotli)`);
