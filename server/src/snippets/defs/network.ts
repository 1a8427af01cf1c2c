/** Snippets for networks, load balancers, edge, compute, audit trails and the starter template. */
import type { SnippetDef } from '../types';
import { ALB_SNIPPET } from './network/alb';

export const NETWORK_SNIPPETS: SnippetDef[] = [ALB_SNIPPET];
