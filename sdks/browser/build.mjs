// Builds the collector: one minified IIFE (global `Sentinel`) in dist/sentinel.js, and prints its size, gzip size
// and SRI hash. `node build.mjs --tests` bundles the unit tests for `node --test` instead.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const GZIP_BUDGET = 6 * 1024;

if (process.argv.includes('--tests')) {
  rmSync('.test-out', { recursive: true, force: true });
  await build({
    entryPoints: readdirSync('test').filter((f) => f.endsWith('.test.ts')).map((f) => `test/${f}`),
    outdir: '.test-out',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
} else {
  await build({
    entryPoints: ['src/index.ts'],
    outfile: 'dist/sentinel.js',
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'Sentinel',
    target: ['es2020'],
    // The first line names the version: Sentinel serves the file at /v1/collector/{version}/sentinel.js.
    banner: { js: `/*! sentinel-collector ${version} */` },
    legalComments: 'none',
    logLevel: 'warning',
  });
  const bytes = readFileSync('dist/sentinel.js');
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const sri = `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
  console.log(`dist/sentinel.js ${version}: ${bytes.length} bytes, ${gzip} bytes gzip (budget ${GZIP_BUDGET})`);
  console.log(`integrity="${sri}"`);
  if (gzip > GZIP_BUDGET) {
    console.error(`gzip size ${gzip} is over the ${GZIP_BUDGET} byte budget`);
    process.exit(1);
  }
}
