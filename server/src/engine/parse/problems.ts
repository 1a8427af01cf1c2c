import type { Level } from '../types';

/** Ids of the findings the engine itself raises (not HIPAA rules). Each has a docs page. */
export const ENGINE_FINDING_IDS = [
  'parse-error',
  'duplicate-key',
  'unknown-tag',
  'template-too-large',
  'rule-error',
  'invalid-suppression',
] as const;
export type EngineFindingId = (typeof ENGINE_FINDING_IDS)[number];

/** A problem found while reading the document, in original-text UTF-16 offsets. */
export interface ParseProblem {
  id: EngineFindingId;
  message: string;
  start: number;
  end: number;
  /** Default 'violation' (error): the template cannot be deployed or read as written. */
  level?: Level;
}
