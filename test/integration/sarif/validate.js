// Validates SARIF files against the SARIF 2.1.0 schema that the npm package
// @microsoft/jest-sarif publishes (lib/schemas/sarif-2.1.0-rtm.5.json).
//
//   node validate.js FILE.sarif...      exit 0 when every file is valid
//
// The schema declares JSON Schema draft-04, so it is compiled with
// ajv-draft-04 (ajv 8), with the formats of ajv-formats.  Two settings are
// the schema's, not leniency: strict mode is off (it rejects schemas that
// use `required` without `properties`, as this one does), and so are
// unicode regular expressions (one of its patterns, for `language`, is
// invalid with the u flag; ajv 6, which jest-sarif itself uses, compiles
// patterns without it too).
'use strict';
const fs = require('fs');
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');
const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

const ajv = new Ajv({allErrors: true, strict: false, unicodeRegExp: false});
addFormats(ajv);
const validate = ajv.compile(schema);
let failed = 0;
for (const file of process.argv.slice(2)) {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (validate(doc)) {
    console.log(`${file}: valid SARIF 2.1.0 (${schema.title})`);
  } else {
    failed++;
    console.log(`${file}: INVALID`);
    for (const e of validate.errors)
      console.log(`  ${e.instancePath || '/'}: ${e.message} ${JSON.stringify(e.params)}`);
  }
}
process.exit(failed ? 1 : 0);
