/** What the CLI knows about one linted file, shared by the output formats. */
import type { Finding } from '../engine/types';

export interface FileReport {
  /** Absolute path. */
  file: string;
  /** Path as shown to the user (relative to the working directory). */
  display: string;
  /** For a template of a CDK cloud assembly: its stack name. */
  stack?: string;
  findings: Finding[];
  /** Findings whose fixes --fix applied. */
  fixed: Finding[];
  /** How many findings outside PHI scope were left out (without --include-out-of-scope). */
  outOfScope?: number;
}

export function citationText(f: Finding): string {
  return f.citations.length > 0 ? ` (${f.citations.join(', ')})` : '';
}

export function isFixable(f: Finding): boolean {
  return f.fix?.kind === 'safe';
}
