/**
 * LSP glue for snippet completion: the pure completion (snippets/complete.ts) as completion items
 * of kind Snippet, with the document's positions. The snippet list is a parameter (the server
 * passes SNIPPETS; tests pass their own).
 */
import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind } from 'vscode-languageserver/node';
import type { CompletionItem, Position } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { detectFormat } from '../engine/parse/detect';
import { snippetCompletions } from '../snippets/complete';
import type { SnippetDef } from '../snippets/types';

export function snippetCompletionItems(doc: TextDocument, position: Position, snippets: readonly SnippetDef[]): CompletionItem[] {
  if (snippets.length === 0) return [];
  const text = doc.getText();
  const format = doc.languageId === 'json' || doc.languageId === 'jsonc' ? 'json' : doc.languageId === 'yaml' ? 'yaml' : detectFormat(text);
  const range = (e: { start: number; end: number }) => ({ start: doc.positionAt(e.start), end: doc.positionAt(e.end) });
  return snippetCompletions(text, doc.offsetAt(position), format, snippets).map((c) => ({
    label: c.label,
    kind: CompletionItemKind.Snippet,
    detail: c.detail,
    documentation: { kind: MarkupKind.Markdown, value: c.documentation },
    filterText: c.filterText,
    sortText: c.sortText,
    insertTextFormat: InsertTextFormat.Snippet,
    // The lines are indented for their place already: a client must not indent them again.
    insertTextMode: InsertTextMode.asIs,
    textEdit: { range: range(c.edit), newText: c.edit.newText },
    additionalTextEdits: c.additionalEdits.map((e) => ({ range: range(e), newText: e.newText })),
  }));
}
