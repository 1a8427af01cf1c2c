/**
 * SARIF for the tests: the 2.1.0 schema shipped with Microsoft's SARIF SDK (@microsoft/jest-sarif,
 * draft-04, validated with ajv-draft-04), and the shape of the CDK results the CLI writes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import type { ValidateFunction } from 'ajv-draft-04';
import addFormats from 'ajv-formats';

export const SARIF_SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

let compiled: ValidateFunction | undefined;

export function compileSarifSchema(): ValidateFunction {
  if (compiled) return compiled;
  const schema = JSON.parse(readFileSync(SARIF_SCHEMA_FILE, 'utf8')) as object;
  // The published schema is draft-04 and one of its patterns (the "language" property) is not valid
  // under the `u` flag ajv uses by default, so patterns are compiled without it.
  const ajv = new Ajv({ allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  compiled = ajv.compile(schema);
  return compiled;
}

export function assertValidSarif(log: unknown): void {
  const validate = compileSarifSchema();
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
}

/** The part of a SARIF log the CDK tests look at. */
export interface CdkSarifLog {
  runs: {
    results: {
      ruleId: string;
      locations: { physicalLocation: { artifactLocation: { uri: string } }; logicalLocations?: { name: string; kind: string; fullyQualifiedName: string }[] }[];
      properties: { constructPath?: string; stack?: string; logicalId?: string };
    }[];
  }[];
}
