/** Where the public template corpus is: $CFN_HIPAA_CORPUS, ../shared/corpus beside the clone, or /work/shared/corpus. */
import { existsSync } from 'node:fs';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '../../..');
export const CORPUS_CANDIDATES = [process.env.CFN_HIPAA_CORPUS, path.resolve(REPO, '../shared/corpus'), '/work/shared/corpus'].filter((x): x is string => !!x);
export const CORPUS: string | undefined = CORPUS_CANDIDATES.find((c) => existsSync(c));
export const NO_CORPUS = `no corpus at ${CORPUS_CANDIDATES.join(' or ')}`;
