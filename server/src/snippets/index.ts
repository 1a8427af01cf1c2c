/** Every snippet, in the order the completion list shows them. */
import { DATA_SNIPPETS } from './defs/data';
import { NETWORK_SNIPPETS } from './defs/network';
import type { SnippetDef } from './types';

export const SNIPPETS: readonly SnippetDef[] = [...DATA_SNIPPETS, ...NETWORK_SNIPPETS];
export type { SnippetDef } from './types';
export { expandString, expandTemplate, expandValue } from './types';
