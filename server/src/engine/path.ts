import type { Path } from './types';

/** Does `path` lie at or below `prefix`? */
export function pathStartsWith(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((seg, i) => path[i] === seg);
}
