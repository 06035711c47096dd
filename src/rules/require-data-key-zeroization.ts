import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { fileMayUseAws, fileMayHoldRequestShapes, getTypeInfo } from '../sdk/index.js';
import { createPathRecorder, type PathRecorder } from '../sdk/flow.js';
import { acquireDataKeys } from '../sdk/dataKeys/acquire.js';
import { createEffects } from '../sdk/dataKeys/effects.js';
import { trackDataKeys } from '../sdk/dataKeys/events.js';
import { followHandOffs } from '../sdk/dataKeys/handoff.js';
import { createLeakFinder } from '../sdk/dataKeys/leak.js';
import type { DataKeyEnv, Key } from '../sdk/dataKeys/model.js';
import { isFunctionNode } from '../sdk/ast.js';
import { createRule } from '../util/createRule.js';

export type Options = [{ zeroizers: string[]; decrypt: 'key-material' | 'always' }];
export type MessageId =
  | 'notZeroized'
  | 'notZeroizedOnThrow'
  | 'copyNotZeroized'
  | 'originalNotZeroized'
  | 'stringCopy'
  | 'wrapInTryFinally'
  | 'useOriginal';

type Context = Readonly<TSESLint.RuleContext<MessageId, Options>>;

export default createRule<Options, MessageId>({
  name: 'require-data-key-zeroization',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require plaintext data keys from KMS to be zeroized on every path out of the function that holds them',
      recommended: 'recommended',
      severity: 'error',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      notZeroized:
        'The plaintext data key from KMS {{operation}} ({{field}}) is not overwritten on every path out of this function ({{path}}): it stays readable in memory (heap snapshots, core dumps, swap). Overwrite it with `.fill(0)` in a `finally` block.',
      notZeroizedOnThrow:
        'The plaintext data key from KMS {{operation}} ({{field}}) is overwritten only when nothing throws: an exception from the {{what}} on line {{line}} leaves the function with the key still in memory. Overwrite it in a `finally` block instead.',
      copyNotZeroized:
        'This {{how}} copies the plaintext data key from KMS {{operation}} ({{field}}) into new memory that is not overwritten on every path: zeroizing the original does not clear the copy. Use the original (or a view such as `subarray`) or zeroize the copy in a `finally` block.',
      originalNotZeroized:
        'Only the copy of the plaintext data key from KMS {{operation}} ({{field}}) made by {{how}} on line {{line}} is zeroized: the SDK\'s own buffer is still live, not overwritten on every path out of this function. Use the SDK\'s buffer directly instead of a copy (and zeroize it in `finally`), or zeroize it too.',
      stringCopy:
        'Converting the plaintext data key from KMS {{operation}} ({{field}}) to a string makes a copy that can never be zeroized (JavaScript strings are immutable). Keep key material in a Buffer or Uint8Array.',
      wrapInTryFinally: 'Wrap the uses in `try { … } finally { {{key}}.fill(0); }`.',
      useOriginal: 'Use `{{original}}` directly instead of the copy, so that the `finally` zeroizes the SDK\'s buffer.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          zeroizers: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              'Functions that zeroize the buffer passed to them, besides `.fill(0)`, libsodium\'s `memzero` and same-file helpers that wipe their parameter: a name (`zeroize`) or a dotted callee (`secure.wipe`).',
          },
          decrypt: {
            type: 'string',
            enum: ['key-material', 'always'],
            description:
              "Which Decrypt plaintexts must be zeroized: 'key-material' (default) when used as a key (createCipheriv, createDecipheriv, createHmac, createSecretKey, subtle.importKey), 'always' for every Decrypt plaintext.",
          },
        },
      },
    ],
    defaultOptions: [{ zeroizers: [], decrypt: 'key-material' }],
  },
  // RuleCreator 8.74 still types a top-level `defaultOptions`; it holds the same value as meta.defaultOptions.
  defaultOptions: [{ zeroizers: [], decrypt: 'key-material' }],
  create(context, [options]) {
    // A key comes from the SDK, named in the file or (typed) handed over by a project module, or from a client
    // of unknown type recognised by its request shape.
    if (!fileMayUseAws(context) && !fileMayHoldRequestShapes(context)) return {};
    const sourceCode = context.sourceCode;
    // Acquisition needs only syntax, scopes and types, all ready before the traversal: find the file's data keys
    // first, and record code paths (a listener on every node) only in the files that hold one.
    const keys = acquireDataKeys(context);
    if (keys.length === 0) return {};
    const zeroizerNames = new Set(options.zeroizers);
    const recorder = createPathRecorder((rec) => {
      try {
        analyse(context, rec, keys, zeroizerNames, options.decrypt, sourceCode);
      } catch {
        // A rule that cannot decide stays silent rather than breaking the lint run.
      }
    });
    return recorder.listeners as TSESLint.RuleListener;
  },
});

/** Decide which keys must be zeroized and report those that are not (src/sdk/dataKeys does the tracking). */
function analyse(
  context: Context,
  rec: PathRecorder,
  keys: Key[],
  zeroizers: ReadonlySet<string>,
  decryptMode: 'key-material' | 'always',
  sourceCode: Readonly<TSESLint.SourceCode>,
): void {
  const env: DataKeyEnv = { context, sourceCode, typeInfo: getTypeInfo(context), zeroizers };
  const effects = createEffects(env);
  trackDataKeys(env, effects, keys);
  // Copies exist once references are classified: a copy a helper returns is followed into its callers too.
  const copiesOf = (list: readonly Key[]): Key[] => list.flatMap((k) => [...k.copies, ...copiesOf(k.copies)]);
  const received = followHandOffs(context, copiesOf(keys));
  trackDataKeys(env, effects, received);
  keys = [...keys, ...received];
  const leakFinder = createLeakFinder(env, effects, rec);
  const leaks = new Map<Key, ReturnType<typeof leakFinder>>();
  const findLeak = (key: Key): ReturnType<typeof leakFinder> => {
    if (!leaks.has(key)) leaks.set(key, leakFinder(key));
    return leaks.get(key) ?? null;
  };

  // A Decrypt plaintext is a data key only when it is used as one (or the option says every one is).
  const anyKeyMaterial = (key: Key): boolean => key.keyMaterial || key.copies.some(anyKeyMaterial);
  const checked = keys.filter((key) => {
    if (key.spec.operation !== 'Decrypt') return true;
    return decryptMode === 'always' || anyKeyMaterial(key);
  });

  const reportedStrings = new Set<TSESTree.Node>();
  const checkKey = (key: Key): void => {
    const leak = findLeak(key);
    // A key received from a same-file helper names the response field it started as and the helper.
    const data = { operation: key.spec.operation, field: key.via ? `${key.via.field}, handed over by \`${key.via.from}\`` : key.field };
    const wipedCopy = leak && !key.copyOf ? key.copies.find((c) => c.events.some((ev) => ev.kind === 'zeroize') && !findLeak(c)) : undefined;
    if (leak && wipedCopy) {
      // Buffer.from(dk.Plaintext) wiped in finally, the SDK's buffer never: one finding, on the original.
      context.report({
        node: key.reportNode,
        messageId: 'originalNotZeroized',
        data: { ...data, how: wipedCopy.how ?? 'a copy', line: String(wipedCopy.reportNode.loc.start.line) },
        suggest: useOriginalSuggestion(wipedCopy),
      });
    } else if (leak) {
      const suggest = suggestionFor(key);
      // Buffer.from(key).toString('base64'): the string is the finding; the temporary copy is part of it.
      const onlyStringified = key.copyOf && key.byteVars.size === 0 && key.strings.length > 0;
      if (onlyStringified) {
        // reported below as stringCopy
      } else if (key.copyOf) {
        context.report({
          node: key.reportNode,
          messageId: 'copyNotZeroized',
          data: { ...data, how: key.how ?? 'copy' },
          suggest,
        });
      } else if (leak.kind === 'throw') {
        context.report({ node: key.reportNode, messageId: 'notZeroizedOnThrow', data: { ...data, what: leak.what, line: String(leak.line) }, suggest });
      } else {
        context.report({ node: key.reportNode, messageId: 'notZeroized', data: { ...data, path: leak.path }, suggest });
      }
    }
    for (const s of key.strings) {
      if (reportedStrings.has(s)) continue;
      reportedStrings.add(s);
      context.report({ node: s, messageId: 'stringCopy', data });
    }
    for (const copy of key.copies) checkKey(copy);
  };

  /** `if (err) return …;` or `if (err) throw …;` on the v2 callback's error parameter. */
  function isErrorExit(statement: TSESTree.Node, key: Key): boolean {
    if (statement.type !== 'IfStatement' || statement.alternate || !key.errorVar || statement.test.type !== 'Identifier') return false;
    if (!key.errorVar.references.some((ref) => ref.identifier === statement.test)) return false;
    const last = statement.consequent.type === 'BlockStatement' ? statement.consequent.body[statement.consequent.body.length - 1] : statement.consequent;
    return last?.type === 'ReturnStatement' || last?.type === 'ThrowStatement';
  }

  /** `Buffer.from(dk.Plaintext)` → `dk.Plaintext`: the zeroization of the copy then zeroizes the SDK's buffer. */
  function useOriginalSuggestion(copy: Key): TSESLint.ReportSuggestionArray<MessageId> {
    const node = copy.reportNode;
    if ((node.type !== 'CallExpression' && node.type !== 'NewExpression') || node.arguments.length !== 1) return [];
    const original = sourceCode.getText(node.arguments[0]);
    return [{ messageId: 'useOriginal', data: { original }, fix: (fixer) => fixer.replaceText(node, original) }];
  }

  /** `try { <statements after the acquisition> } finally { key.fill(0); }`, when the acquisition is a statement of a block. */
  function suggestionFor(key: Key): TSESLint.ReportSuggestionArray<MessageId> {
    try {
      if (!key.keyText) return [];
      let statements: TSESTree.Node[] | null = null;
      const acquisition = key.acquire.node;
      if (isFunctionNode(acquisition)) {
        if (acquisition.body.type === 'BlockStatement') statements = acquisition.body.body;
      } else {
        let statement: TSESTree.Node = acquisition;
        while (statement.parent && !(statement.parent.type === 'BlockStatement' || statement.parent.type === 'Program' || statement.parent.type === 'StaticBlock')) {
          statement = statement.parent;
          if (isFunctionNode(statement)) return [];
        }
        const block = statement.parent as TSESTree.BlockStatement | TSESTree.Program | undefined;
        if (!block) return [];
        const index = (block.body as TSESTree.Node[]).indexOf(statement);
        statements = (block.body as TSESTree.Node[]).slice(index + 1);
      }
      // v2's `if (err) return cb(err);` runs without a key: it stays before the `try`, so the `finally` never
      // dereferences a response that is not there.
      while (statements && statements.length > 0 && isErrorExit(statements[0], key)) statements = statements.slice(1);
      if (!statements || statements.length === 0) return [];
      if (statements.some((s) => s.type.startsWith('Import') || s.type.startsWith('Export'))) return [];
      const first = statements[0];
      const last = statements[statements.length - 1];
      const text = sourceCode.text;
      const lineStart = text.lastIndexOf('\n', first.range[0] - 1) + 1;
      const indent = /^[ \t]*/.exec(text.slice(lineStart, first.range[0]))?.[0] ?? '';
      const unit = indent.includes('\t') ? '\t' : '  ';
      const original = text.slice(first.range[0], last.range[1]);
      const multilineTemplate = sourceCode.ast.tokens.some(
        (t) => t.type === 'Template' && t.range[0] >= first.range[0] && t.range[1] <= last.range[1] && t.loc.start.line !== t.loc.end.line,
      );
      const body = multilineTemplate ? original : original.split('\n').map((line, i) => (i === 0 || line.trim() === '' ? line : unit + line)).join('\n');
      const optional = key.buffer || key.copyOf ? '.' : '?.';
      const zeroize = `${key.keyText}${optional}fill(0)`;
      const replacement = `try {\n${indent}${unit}${body}\n${indent}} finally {\n${indent}${unit}${zeroize};\n${indent}}`;
      return [
        {
          messageId: 'wrapInTryFinally',
          data: { key: key.buffer || key.copyOf ? key.keyText : `${key.keyText}?` },
          fix: (fixer) => fixer.replaceTextRange([first.range[0], last.range[1]], replacement),
        },
      ];
    } catch {
      return [];
    }
  }


  for (const key of checked) checkKey(key);
}
