// House style, enforced by `npm run lint` (part of `npm test`, hence CI) rather than remembered.
// The layering rules are what docs/architecture.md describes: route → service → queries, SQL only
// in *.queries.ts / *.sql.ts, no HTTP in services, no server runtime in the web app.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const QUERY_BUILDER = ['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto'];
const noQueryBuilder = QUERY_BUILDER.map((name) => ({
  selector: `CallExpression[callee.property.name='${name}']`,
  message: 'SQL lives in *.queries.ts (or *.sql.ts): call a query function from here.',
}));
const noRawSql = { name: 'kysely', importNames: ['sql'], message: 'SQL lives in *.queries.ts (or *.sql.ts).' };
const noHttp = [
  {
    group: ['fastify', 'fastify-plugin', '@fastify/*'],
    message: 'Services know nothing of HTTP: status codes, headers and cursors belong to routes.',
  },
  { group: ['**/http/*'], message: 'Services know nothing of HTTP: status codes, headers and cursors belong to routes.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/cache/**', 'bench/results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-duplicate-imports': ['error', { allowSeparateTypeImports: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    files: ['src/**/*.ts', 'bench/**/*.ts'],
    ignores: ['src/web/**'],
    rules: { '@typescript-eslint/explicit-module-boundary-types': 'error' },
  },
  {
    // Route plugins register several routes in one function; each handler stays short.
    files: ['src/**/*.routes.ts', 'src/web/**/*.tsx'],
    rules: { 'max-lines-per-function': ['error', { max: 160, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Data, not logic: the metric catalog, the file specs, the worklist definitions, migrations.
    files: [
      'src/domain/metrics/catalog.ts',
      'src/domain/import/file-specs.ts',
      'src/domain/worklists/worklists.definitions.ts',
      'src/db/migrations/*.ts',
    ],
    rules: { 'max-lines': 'off', 'max-lines-per-function': 'off' },
  },
  {
    files: ['test/**/*.ts', 'src/**/*.test.ts'],
    rules: { 'max-lines': 'off', 'max-lines-per-function': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['src/**/*.service.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...noQueryBuilder],
      'no-restricted-imports': ['error', { paths: [noRawSql], patterns: noHttp }],
    },
  },
  {
    // Commands call services (and `serve` starts the HTTP server); no SQL of their own.
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...noQueryBuilder],
      'no-restricted-imports': ['error', { paths: [noRawSql] }],
    },
  },
  {
    files: ['src/**/*.routes.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...noQueryBuilder],
      'no-restricted-imports': [
        'error',
        { paths: [noRawSql], patterns: [{ group: ['**/*.queries.js', '**/*.sql.js'], message: 'Routes call services, not queries.' }] },
      ],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['src/**/*.routes.ts', 'src/**/*.service.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: noHttp }] },
  },
  {
    // The web app runs in the browser: it may read the server's schemas (as types) and its pure
    // vocabulary and catalog modules, never database or HTTP code.
    files: ['src/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/db/*', '**/http/*', '**/*.service', '**/*.queries', '**/*.service.js', '**/*.queries.js', 'kysely', 'pg'],
              message: 'The web app talks to the API only.',
            },
          ],
        },
      ],
    },
  },
);
