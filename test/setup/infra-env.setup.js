'use strict';
// Jest setupFiles of the integration and e2e projects (runs in every worker before each
// test file): loads the server addresses that infra.global-setup.js wrote.
const fs = require('node:fs');
const path = require('node:path');

const INFRA_DIR = process.env.DMS_INFRA_DIR || path.resolve(__dirname, '..', '..', '.infra');
const file = path.join(INFRA_DIR, 'env.json');

let values;
try {
  values = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (cause) {
  throw new Error(
    `cannot read ${file} (written by test/setup/infra.global-setup.js): ${cause.message}. ` +
      'Run the integration tests through jest, or run `bash deploy/local/infra.sh up` first.',
  );
}
Object.assign(process.env, values);
