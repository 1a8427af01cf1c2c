/** Snippets for data stores, keys, secrets, logs and backups. */
import type { SnippetDef } from '../types';
import { STORAGE_SNIPPETS } from './data/storage';

export const DATA_SNIPPETS: SnippetDef[] = [...STORAGE_SNIPPETS];
