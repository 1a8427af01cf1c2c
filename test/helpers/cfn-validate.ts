/**
 * AWS's own offline CloudFormation validator (@aws/cloudformation-validate, WASM) for tests: one
 * engine per test run (it takes a second or two to start), validating template text by writing
 * it to a temp file (the engine reads templates from paths).
 *
 *   const v = new CfnValidator();                    // in a before() hook
 *   const { schema, notes } = v.validate(text, 'yaml');
 *   v.free();                                        // in an after() hook
 *
 * `schema` holds the diagnostics of category 'Schema': the template does not match CloudFormation's
 * resource provider schemas (unknown or missing properties, wrong types, values outside an enum),
 * whatever their severity, because CloudFormation rejects such a template at deploy time. `notes`
 * holds every other diagnostic (best-practice hints), for context only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SchemaValidator, TemplateFile } from '@aws/cloudformation-validate';
import type { StandardDiagnostic } from '@aws/cloudformation-validate';

export type { StandardDiagnostic } from '@aws/cloudformation-validate';

export interface CfnValidation {
  /** Schema errors: must be none for a template CloudFormation accepts. */
  schema: StandardDiagnostic[];
  /** Everything else the validator says (best practice): may remain. */
  notes: StandardDiagnostic[];
}

export class CfnValidator {
  private validator: SchemaValidator | undefined;
  private readonly dir: string;
  private count = 0;

  constructor() {
    this.validator = new SchemaValidator();
    this.dir = mkdtempSync(path.join(tmpdir(), 'cfn-hipaa-validate-'));
  }

  /** Validate template text; `name` only names the temp file (it shows in no diagnostic). */
  validate(text: string, format: 'yaml' | 'json', name = 'template'): CfnValidation {
    if (!this.validator) throw new Error('CfnValidator used after free()');
    const file = path.join(this.dir, `${++this.count}-${name.replace(/[^\w.-]/g, '_')}.${format}`);
    writeFileSync(file, text);
    try {
      const all = this.validator.validate(new TemplateFile(file));
      return { schema: all.filter((d) => d.category === 'Schema'), notes: all.filter((d) => d.category !== 'Schema') };
    } finally {
      rmSync(file, { force: true });
    }
  }

  /** Release the engine's memory and the temp dir. Safe to call twice. */
  free(): void {
    this.validator?.free();
    this.validator = undefined;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** One line per diagnostic: rule, severity, resource, property path, message. */
export function formatDiagnostic(d: StandardDiagnostic): string {
  const where = [d.entity?.logicalId, d.propertyPath].filter(Boolean).join(' ');
  return `${d.ruleId} ${d.severity}${where ? ` ${where}` : ''}: ${d.message}`;
}
