/**
 * cfn-hipaa language server entry. Transport from the command line, as vscode-languageserver reads
 * it: --stdio, --node-ipc or --socket=<port>.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { HipaaLanguageServer } from './server';

const connection = createConnection(ProposedFeatures.all);
// A bug must never take the server down: log it, keep serving.
process.on('uncaughtException', (err) => connection.console.error(`cfn-hipaa: uncaught: ${err.stack ?? err.message}`));
process.on('unhandledRejection', (err) => connection.console.error(`cfn-hipaa: unhandled rejection: ${String(err)}`));
new HipaaLanguageServer(connection).listen();
