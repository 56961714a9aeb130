// Post-build step (scripts/post-build.sh, after the precache list): writes a gzip (.gz, level 9)
// and a brotli (.br, quality 11) copy beside every text and wasm file of the build, for static
// hosts that serve precompressed files (nginx gzip_static / brotli_static, Caddy's
// precompressed). Hosts that do not are unaffected: the originals stay as they were, and the
// service worker caches the originals only (precache.py leaves .gz and .br out).
//
//   node scripts/compress.mjs [dist-dir]   (default: $TRUNK_STAGING_DIR, else dist)
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

const root = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? 'dist';
const kinds = new Set(['.js', '.wasm', '.css', '.html', '.json', '.svg', '.webmanifest', '.txt']);
let files = 0;
let raw = 0;
let gz = 0;
let br = 0;
function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      walk(file);
      continue;
    }
    if (!kinds.has(path.extname(entry.name))) continue;
    const bytes = fs.readFileSync(file);
    const gzipped = zlib.gzipSync(bytes, { level: 9 });
    const brotli = zlib.brotliCompressSync(bytes, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    });
    fs.writeFileSync(`${file}.gz`, gzipped);
    fs.writeFileSync(`${file}.br`, brotli);
    files += 1;
    raw += bytes.length;
    gz += gzipped.length;
    br += brotli.length;
  }
}
walk(root);
console.log(`compress: ${files} files, ${raw} bytes → ${gz} gzip, ${br} brotli`);
