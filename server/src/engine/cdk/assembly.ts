/**
 * Reads a CDK cloud assembly (the `cdk.out` directory that `cdk synth` writes) without touching the
 * file system: the caller passes `readFile(relativePath)`, relative to the assembly's root
 * directory ('/'-separated), returning the text or undefined when the file does not exist.
 *
 * The format (aws-cdk's cloud-assembly-schema):
 * - `manifest.json`: `{ version, artifacts: { [id]: { type, properties, displayName, metadata } } }`.
 *   - `aws:cloudformation:stack`: `properties.templateFile` (relative to the manifest's directory),
 *     `properties.stackName` (else the artifact id); `metadata` (or, since aws-cdk-lib 2.2xx, the
 *     JSON file named by `additionalMetadataFile`) maps construct paths
 *     (`/EhrStack/Database/Resource`) to entries, among them `{ type: 'aws:cdk:logicalId', data }`.
 *   - `cdk:cloud-assembly`: a nested assembly (a Stage), `properties.directoryName`, with its own
 *     manifest.json.
 *   - `cdk:tree`: `properties.file` (tree.json), the construct tree of the app.
 * - Nested stacks: an `AWS::CloudFormation::Stack` resource whose `Metadata['aws:asset:path']` names
 *   its template (`*.nested.template.json`) in the same directory.
 */
import type { Json, JsonObject } from '../types';
import type { Resource } from '../template/model';

export type ReadFile = (relativePath: string) => string | undefined;

export interface AssemblyTemplate {
  /** The template's path relative to the root assembly directory, '/'-separated. */
  file: string;
  /** The CloudFormation stack name (for a nested stack: `<parent stack>/<logical id>`). */
  stackName: string;
  /** The manifest artifact id of the stack (of the top-level stack for nested stacks). */
  artifactId: string;
  /** For a nested stack: the parent template and the logical id of its AWS::CloudFormation::Stack. */
  parent?: { file: string; logicalId: string };
  /** Logical id -> construct path, from the manifest's `aws:cdk:logicalId` metadata (without the leading '/'). */
  logicalIds: Record<string, string>;
  /**
   * `Validations.of(construct).acknowledge({ id, reason })` entries of the stack (manifest metadata
   * `aws:cdk:acknowledged-rules`): the construct path (without the leading '/'), the rule id as CDK
   * qualified it (`<plugin namespace>::<rule>`), the reason. They apply to the construct and below.
   */
  acknowledgements: Acknowledgement[];
  /** Construct paths marked `aws:cdk:is-custom-resource-handler-*` (CDK's own handlers), without the leading '/'. */
  handlerPaths: string[];
  text: string;
}

export interface Acknowledgement {
  path: string;
  id: string;
  reason: string;
}

/** A node of tree.json: path and the class (fqn) of the construct. */
export interface ConstructNode {
  path: string;
  fqn?: string;
  /** The CloudFormation type when the construct is an L1 resource (`aws:cdk:cloudformation:type`). */
  cfnType?: string;
}

/** The construct tree (tree.json) as a lookup by construct path. */
export interface ConstructTree {
  nodes: Record<string, ConstructNode>;
}

export interface CloudAssembly {
  templates: AssemblyTemplate[];
  tree?: ConstructTree;
  /** What could not be read (missing or malformed files), in words. */
  problems: string[];
}

const MAX_DEPTH = 16;

function isObj(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function join(dir: string, file: string): string {
  const parts = (dir ? dir + '/' + file : file).split(/[\\/]+/);
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out.join('/');
}

function dirOf(file: string): string {
  const i = file.lastIndexOf('/');
  return i < 0 ? '' : file.slice(0, i);
}

function parseJson(text: string): Json | undefined {
  try {
    return JSON.parse(text) as Json;
  } catch {
    return undefined;
  }
}

/** Does this directory listing look like a cloud assembly? (it has a manifest.json with artifacts) */
export function isCloudAssembly(readFile: ReadFile): boolean {
  const m = readFile('manifest.json');
  if (m === undefined) return false;
  const v = parseJson(m);
  return isObj(v) && (isObj(v.artifacts) || typeof v.version === 'string');
}

/** Read every stack template of the assembly, its nested assemblies (stages) and nested stacks. */
export function readAssembly(readFile: ReadFile): CloudAssembly {
  const out: CloudAssembly = { templates: [], problems: [] };
  const seen = new Set<string>();
  const readManifest = (dir: string, depth: number) => {
    const file = join(dir, 'manifest.json');
    if (depth > MAX_DEPTH || seen.has(file)) return;
    seen.add(file);
    const text = readFile(file);
    if (text === undefined) {
      out.problems.push(`${file} does not exist.`);
      return;
    }
    const manifest = parseJson(text);
    if (!isObj(manifest)) {
      out.problems.push(`${file} is not valid JSON.`);
      return;
    }
    const artifacts = isObj(manifest.artifacts) ? manifest.artifacts : {};
    for (const [id, a] of Object.entries(artifacts)) {
      if (!isObj(a)) continue;
      const props = isObj(a.properties) ? a.properties : {};
      if (a.type === 'aws:cloudformation:stack' && typeof props.templateFile === 'string') {
        const stackName = typeof props.stackName === 'string' ? props.stackName : id;
        // aws-cdk-lib 2.2xx moved the stack's construct metadata to `additionalMetadataFile` (<stack>.metadata.json).
        const metadata = { ...(isObj(a.metadata) ? a.metadata : {}), ...(typeof a.additionalMetadataFile === 'string' ? readMetadataFile(join(dir, a.additionalMetadataFile)) : {}) };
        readStack(join(dir, props.templateFile), stackName, id, { logicalIds: logicalIdsOf(metadata), acknowledgements: acknowledgementsOf(metadata), handlerPaths: handlerPathsOf(metadata) }, undefined, 0);
      } else if (a.type === 'cdk:cloud-assembly' && typeof props.directoryName === 'string') {
        readManifest(join(dir, props.directoryName), depth + 1);
      } else if (a.type === 'cdk:tree' && typeof props.file === 'string') {
        readTree(join(dir, props.file));
      }
    }
  };
  const readMetadataFile = (file: string): JsonObject => {
    const text = readFile(file);
    const v = text === undefined ? undefined : parseJson(text);
    if (!isObj(v)) {
      out.problems.push(`${file} (construct metadata of a stack) ${text === undefined ? 'does not exist' : 'is not valid JSON'}.`);
      return {};
    }
    return v;
  };
  type StackMetadata = Pick<AssemblyTemplate, 'logicalIds' | 'acknowledgements' | 'handlerPaths'>;
  const readStack = (file: string, stackName: string, artifactId: string, md: StackMetadata, parent: AssemblyTemplate['parent'], depth: number) => {
    if (depth > MAX_DEPTH || seen.has(file)) return;
    seen.add(file);
    const text = readFile(file);
    if (text === undefined) {
      out.problems.push(`${file} (template of stack ${stackName}) does not exist.`);
      return;
    }
    out.templates.push({ file, stackName, artifactId, ...md, ...(parent ? { parent } : {}), text });
    // Only a template that names an asset path can hold a nested stack: skip parsing the others here.
    if (!text.includes('aws:asset:path')) return;
    const template = parseJson(text);
    if (!isObj(template) || !isObj(template.Resources)) return;
    for (const [logicalId, r] of Object.entries(template.Resources)) {
      if (!isObj(r) || r.Type !== 'AWS::CloudFormation::Stack' || !isObj(r.Metadata)) continue;
      const asset = r.Metadata['aws:asset:path'];
      if (typeof asset !== 'string' || !asset.endsWith('.json')) continue;
      // Asset paths are relative to the assembly directory the parent template lives in.
      // A nested stack's constructs are in its parent's manifest entry: their acknowledgements too.
      readStack(join(dirOf(file), asset), `${stackName}/${logicalId}`, artifactId, { logicalIds: {}, acknowledgements: md.acknowledgements, handlerPaths: md.handlerPaths }, { file, logicalId }, depth + 1);
    }
  };
  const readTree = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFile(file);
    const v = text === undefined ? undefined : parseJson(text);
    if (!isObj(v) || !isObj(v.tree)) {
      if (text !== undefined) out.problems.push(`${file} is not a construct tree.`);
      return;
    }
    const tree: ConstructTree = out.tree ?? { nodes: {} };
    collectTree(v.tree, tree, 0);
    out.tree = tree;
  };
  readManifest('', 0);
  return out;
}

function collectTree(node: JsonObject, tree: ConstructTree, depth: number): void {
  if (depth > 256) return;
  if (typeof node.path === 'string' && node.path !== '') {
    const info = isObj(node.constructInfo) ? node.constructInfo : {};
    const attrs = isObj(node.attributes) ? node.attributes : {};
    tree.nodes[node.path] = {
      path: node.path,
      ...(typeof info.fqn === 'string' ? { fqn: info.fqn } : {}),
      ...(typeof attrs['aws:cdk:cloudformation:type'] === 'string' ? { cfnType: attrs['aws:cdk:cloudformation:type'] } : {}),
    };
  }
  if (isObj(node.children)) for (const c of Object.values(node.children)) if (isObj(c)) collectTree(c, tree, depth + 1);
}

/** Every metadata entry of a stack artifact, with its construct path (without the leading '/'). */
function metadataEntries(metadata: Json | undefined): { path: string; entry: JsonObject }[] {
  const out: { path: string; entry: JsonObject }[] = [];
  if (!isObj(metadata)) return out;
  for (const [p, entries] of Object.entries(metadata)) {
    if (!Array.isArray(entries)) continue;
    for (const e of entries) if (isObj(e)) out.push({ path: p.replace(/^\//, ''), entry: e });
  }
  return out;
}

function logicalIdsOf(metadata: Json | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { path, entry } of metadataEntries(metadata)) if (entry.type === 'aws:cdk:logicalId' && typeof entry.data === 'string') out[entry.data] = path;
  return out;
}

function acknowledgementsOf(metadata: Json | undefined): Acknowledgement[] {
  const out: Acknowledgement[] = [];
  for (const { path, entry } of metadataEntries(metadata)) {
    if (entry.type !== 'aws:cdk:acknowledged-rules' || !isObj(entry.data)) continue;
    for (const [id, reason] of Object.entries(entry.data)) out.push({ path, id, reason: typeof reason === 'string' ? reason : '' });
  }
  return out;
}

function handlerPathsOf(metadata: Json | undefined): string[] {
  const marked = metadataEntries(metadata).filter(({ entry }) => typeof entry.type === 'string' && entry.type.startsWith('aws:cdk:is-custom-resource-handler-') && entry.data !== false && entry.data !== 'false');
  return [...new Set(marked.map((m) => m.path))];
}

/** Is this class an L1 (CloudFormation resource) construct? `aws-cdk-lib.aws_s3.CfnBucket`, `aws-cdk-lib.CfnResource`. */
function isL1(fqn: string | undefined): boolean {
  if (!fqn) return false;
  const last = fqn.slice(fqn.lastIndexOf('.') + 1);
  return /^Cfn[A-Z]/.test(last);
}

/** A stack, stage or app: the scope of constructs, never the construct a finding is about. */
function isScope(fqn: string): boolean {
  return /(^|\.)(Stack|NestedStack|Stage|App)$/.test(fqn);
}

/**
 * A resource's construct path (without the leading '/'): its `aws:cdk:path` Metadata, else the
 * assembly manifest's logical-id map (templates synthesized with path metadata off).
 */
export function cdkPathOf(resource: Pick<Resource, 'logicalId' | 'metadata'>, logicalIds?: Record<string, string>): string | undefined {
  const own = resource.metadata?.['aws:cdk:path'];
  const p = typeof own === 'string' && own !== '' ? own : logicalIds?.[resource.logicalId];
  return p === undefined ? undefined : p.replace(/^\//, '');
}

/**
 * The construct a user wrote, from a resource's `aws:cdk:path` (`EhrStack/Database/Resource`):
 * with a construct tree, the nearest ancestor (or the node itself) that is not an L1 `Cfn*` class;
 * without one, the path without a trailing `/Resource` or `/Default` (the L1 child of an L2).
 */
export function constructPathOf(cdkPath: string, tree?: ConstructTree): string {
  const path = cdkPath.replace(/^\//, '');
  if (tree) {
    let p = path;
    while (p) {
      const node = tree.nodes[p];
      if (node && node.fqn && !isL1(node.fqn)) {
        // An L1 written directly in a stack is the user's own construct.
        if (isScope(node.fqn)) break;
        return p;
      }
      if (!node && p !== path) break; // not in the tree: fall back to the heuristic
      const i = p.lastIndexOf('/');
      if (i < 0) break;
      p = p.slice(0, i);
    }
  }
  return path.replace(/\/(Resource|Default)$/, '');
}
