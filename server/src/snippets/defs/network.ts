/** Snippets for networks, load balancers, edge, compute, audit trails and the starter template. */
import type { SnippetDef } from '../types';

export const NETWORK_SNIPPETS: SnippetDef[] = [];
