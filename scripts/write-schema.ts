/**
 * `npm run schema`: writes schema/report.schema.json, the JSON Schema of the JSON report, from the zod schema in
 * src/report/report-schema.ts. The file is committed so consumers can validate reports without running code; a unit
 * test fails when it is stale.
 */
import { writeFile } from 'node:fs/promises';
import { REPORT_SCHEMA_FILE, renderReportJsonSchema } from '../src/report/report-schema.js';

await writeFile(REPORT_SCHEMA_FILE, renderReportJsonSchema());
process.stdout.write(`wrote ${REPORT_SCHEMA_FILE}\n`);
