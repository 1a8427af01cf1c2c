/** Snippets for data stores, keys, secrets, logs and backups. */
import type { SnippetDef } from '../types';
import { DATABASE_SNIPPETS } from './data/databases';
import { MESSAGING_SNIPPETS } from './data/messaging';
import { STORAGE_SNIPPETS } from './data/storage';

export const DATA_SNIPPETS: SnippetDef[] = [...STORAGE_SNIPPETS, ...DATABASE_SNIPPETS, ...MESSAGING_SNIPPETS];
