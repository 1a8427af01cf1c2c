/** Snippets for networks, load balancers, edge, compute, audit trails and the starter template. */
import type { SnippetDef } from '../types';
import { ALB_SNIPPET } from './network/alb';
import { LAMBDA_SNIPPET, LAUNCH_TEMPLATE_SNIPPET, SECURITY_GROUP_SNIPPET } from './network/compute';
import { API_STAGE_SNIPPET, CLOUDFRONT_S3_SNIPPET, CLOUDFRONT_SNIPPET } from './network/edge';
import { STARTER_SNIPPET } from './network/starter';
import { CLOUDTRAIL_SNIPPET } from './network/trail';
import { VPC_SNIPPET } from './network/vpc';

export const NETWORK_SNIPPETS: SnippetDef[] = [
  VPC_SNIPPET,
  SECURITY_GROUP_SNIPPET,
  ALB_SNIPPET,
  CLOUDFRONT_SNIPPET,
  CLOUDFRONT_S3_SNIPPET,
  API_STAGE_SNIPPET,
  LAMBDA_SNIPPET,
  LAUNCH_TEMPLATE_SNIPPET,
  CLOUDTRAIL_SNIPPET,
  STARTER_SNIPPET,
];
