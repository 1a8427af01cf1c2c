/**
 * How the extension-host suite's report reaches the launcher's log. Under code-server the
 * extension host's console is forwarded to the browser page (wrapped in the workbench's log
 * formatting); every report line carries PREFIX so that the launcher can pick it out.
 */
import { format } from 'node:util';

export const PREFIX = '[cfn-hipaa suite]';

/** console.log, one preformatted line per call (console arguments reach the page unformatted). */
export function say(...args: unknown[]): void {
  for (const line of format(...args).split('\n')) console.log(`${PREFIX} ${line}`);
}
