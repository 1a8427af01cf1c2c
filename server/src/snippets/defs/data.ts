/** Snippets for data stores, keys, secrets, logs and backups. */
import type { SnippetDef } from '../types';

export const DATA_SNIPPETS: SnippetDef[] = [];
