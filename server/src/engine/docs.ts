/** Where each rule's documentation page lives (docs/rules/<id>.md in the repository). */
export const DOCS_BASE = 'https://github.com/cfn-hipaa/cfn-hipaa/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}
