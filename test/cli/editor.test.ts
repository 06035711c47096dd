// Editor proof: the ESLint language server that the VS Code ESLint extension runs (published on npm
// as vscode-langservers-extracted), driven over stdio by a real LSP client, on a small project whose
// eslint.config.mjs uses the built plugin. It must show our rule's diagnostic and offer its suggestion.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import type { ApplyWorkspaceEditParams, CodeAction, Command, Diagnostic, DocumentDiagnosticReport, TextEdit } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, makeProject, removeProjects, repoRoot, TSCONFIG } from './helpers.js';

const ORDERS_TS = `import { KMSClient, EncryptCommand, DecryptCommand } from '@aws-sdk/client-kms';

const KEY_ID = 'alias/orders';
const kms = new KMSClient({});

export async function seal(order: string) {
  return kms.send(new EncryptCommand({ KeyId: KEY_ID, Plaintext: new TextEncoder().encode(order.slice(0, 100)), EncryptionContext: { app: 'orders' } }));
}

export async function open(blob: Uint8Array) {
  return kms.send(new DecryptCommand({ CiphertextBlob: blob, EncryptionContext: { app: 'orders' } }));
}
`;

/**
 * The per-document settings the VS Code extension answers to `workspace/configuration` (section ''),
 * in the shape the server reads in lib/eslint-language-server/eslint.js (resolveSettings) and
 * shared/settings.js; `experimental` must be an object because the server reads its fields directly.
 */
function editorSettings(folder: string) {
  return {
    validate: 'on',
    packageManager: 'npm',
    useESLintClass: false,
    useFlatConfig: true,
    experimental: { useFlatConfig: false },
    codeActionOnSave: { enable: false, mode: 'all' },
    format: false,
    quiet: false,
    onIgnoredFiles: 'off',
    options: {},
    rulesCustomizations: [],
    run: 'onType',
    problems: { shortenToSingleLine: false },
    nodePath: null,
    workspaceFolder: { name: path.basename(folder), uri: pathToFileURL(folder).href },
    codeAction: {
      disableRuleComment: { enable: true, location: 'separateLine', commentStyle: 'line' },
      showDocumentation: { enable: true },
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`language server: no answer to ${what} within ${ms} ms`)), ms);
    }),
  ]);
}

describe('VS Code ESLint language server', () => {
  let dir: string;
  let server: ChildProcess | undefined;
  let connection: MessageConnection | undefined;
  const serverLog: string[] = [];
  const applyEdits: Array<(params: ApplyWorkspaceEditParams) => void> = [];

  beforeAll(ensureBuilt, 360_000);
  beforeAll(async () => {
    const pluginUrl = pathToFileURL(path.join(repoRoot, 'dist/index.js')).href;
    dir = makeProject({
      'tsconfig.json': TSCONFIG,
      'src/orders.ts': ORDERS_TS,
      // The README's typed set-up, with the plugin loaded from this checkout's build.
      'eslint.config.mjs': `import tseslint from 'typescript-eslint';
import kms from '${pluginUrl}';

export default [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  kms.configs.recommended,
];
`,
    });
    const bin = path.join(repoRoot, 'node_modules/vscode-langservers-extracted/bin/vscode-eslint-language-server');
    server = spawn(process.execPath, [bin, '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    server.stderr!.on('data', (d: Buffer) => serverLog.push(d.toString()));
    connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => editorSettings(dir)));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/applyEdit', (params: ApplyWorkspaceEditParams) => {
      applyEdits.shift()?.(params);
      return { applied: true };
    });
    connection.onRequest('window/workDoneProgress/create', () => null);
    // Server status and library-probe messages: recorded for the failure report, answered empty.
    connection.onNotification((method, params) => {
      serverLog.push(`${method} ${JSON.stringify(params)}`);
    });
    connection.onRequest((method, params) => {
      serverLog.push(`${method} ${JSON.stringify(params)}`);
      return {};
    });
    connection.listen();
    const folderUri = pathToFileURL(dir).href;
    await withTimeout(
      connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: folderUri,
        workspaceFolders: [{ uri: folderUri, name: path.basename(dir) }],
        capabilities: {
          workspace: { configuration: true, workspaceFolders: true, applyEdit: true },
          textDocument: {
            diagnostic: { dynamicRegistration: false },
            codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll.eslint'] } } },
          },
        },
      }),
      30_000,
      'initialize',
    );
    await connection.sendNotification('initialized', {});
  }, 60_000);

  afterAll(async () => {
    try {
      if (connection) await withTimeout(connection.sendRequest('shutdown'), 5_000, 'shutdown');
      await connection?.sendNotification('exit');
    } catch {
      // the kill below ends it either way
    }
    connection?.dispose();
    server?.kill('SIGKILL');
    removeProjects();
  });

  it('publishes our rule diagnostic for an open TypeScript file and offers its suggestion as a code action', async () => {
    const uri = pathToFileURL(path.join(dir, 'src/orders.ts')).href;
    await connection!.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'typescript', version: 1, text: readFileSync(path.join(dir, 'src/orders.ts'), 'utf8') },
    });
    const report = await withTimeout(
      connection!.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } }),
      90_000,
      'textDocument/diagnostic',
    );
    expect(report.kind, serverLog.join('\n')).toBe('full');
    const items = (report as { items: Diagnostic[] }).items;
    const ours = items.filter((d) => d.source === 'eslint' && d.code === 'kms/require-decrypt-key-id');
    expect(ours, `diagnostics: ${JSON.stringify(items)}\nserver log:\n${serverLog.join('\n')}`).toHaveLength(1);
    const diagnostic = ours[0];
    // Line 11, column 19 in ESLint's 1-based terms: the DecryptCommand construction.
    expect(diagnostic.range.start).toEqual({ line: 10, character: 18 });
    expect(diagnostic.message).toMatch(/^Decrypt without KeyId:/);
    expect(diagnostic.codeDescription?.href).toMatch(/rules-docs\/require-decrypt-key-id\.md$/);

    const actions = await withTimeout(
      connection!.sendRequest<Array<CodeAction | Command>>('textDocument/codeAction', {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic], only: ['quickfix'] },
      }),
      30_000,
      'textDocument/codeAction',
    );
    const titles = actions.map((a) => a.title);
    const suggestion = actions.find((a): a is CodeAction => a.title === 'Add KeyId: KEY_ID (the key the other KMS calls in this file use). (kms/require-decrypt-key-id)');
    expect(suggestion, `code actions: ${JSON.stringify(titles)}`).toBeDefined();
    expect(suggestion!.kind).toBe('quickfix');
    // The server offers suggestions as its eslint.applySuggestion command; running it makes the server
    // send the edit back with workspace/applyEdit, as VS Code sees it when the user picks the action.
    const command = suggestion!.command!;
    expect(command.command).toBe('eslint.applySuggestion');
    const applied = new Promise<ApplyWorkspaceEditParams>((resolve) => applyEdits.push(resolve));
    await withTimeout(connection!.sendRequest('workspace/executeCommand', { command: command.command, arguments: command.arguments }), 30_000, 'executeCommand');
    const edit = (await withTimeout(applied, 30_000, 'workspace/applyEdit')).edit;
    const edits = (edit.changes?.[uri] ?? edit.documentChanges?.flatMap((c) => ('edits' in c ? c.edits : [])) ?? []) as TextEdit[];
    expect(edits.map((e) => e.newText), JSON.stringify(edit)).toEqual(['KeyId: KEY_ID, ']);
    expect(edits[0].range.start).toEqual({ line: 10, character: 39 }); // just after `DecryptCommand({ `
    // The extension's own actions are there too: disable comment and the rule's documentation.
    expect(titles).toContain('Disable kms/require-decrypt-key-id for this line');
    expect(titles).toContain('Show documentation for kms/require-decrypt-key-id');
  }, 150_000);
});
