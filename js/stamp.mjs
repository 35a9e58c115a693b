// Writes bundle-stamp.txt: a sha256 over the inputs of the bundle, so a node-free pytest
// (tests/jupyter/test_jupyter_bundle.py) can tell when js/ changed but the bundle was not rebuilt.
// Keep INPUTS and the hashing scheme in sync with that test.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const INPUTS = ['package.json', 'yarn.lock', 'tsconfig.json', 'src', 'style', 'schema'];
const files = [];
const walk = p =>
  statSync(p).isDirectory()
    ? readdirSync(p).forEach(e => walk(join(p, e)))
    : files.push(p.split('\\').join('/'));
INPUTS.forEach(walk);
files.sort();
const h = createHash('sha256');
for (const f of files) {
  h.update(f + '\0');
  h.update(readFileSync(f));
  h.update('\0');
}
writeFileSync('bundle-stamp.txt', h.digest('hex') + '\n');
