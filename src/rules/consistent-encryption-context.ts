import path from 'node:path';
import { createRequire } from 'node:module';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { getTypeInfo } from '../sdk/index.js';
import { contextIndexOf, contextSitesOfFile, normaliseFileName } from '../sdk/contextIndex.js';
import { analyse, keySet, projectFindings, type Finding } from '../sdk/context/compare.js';
import { createRule } from '../util/createRule.js';

export interface RuleOptions {
  compareSeparators: boolean;
  checkKeySets: boolean;
  reportMissingTypes: boolean;
}
export type Options = [Partial<RuleOptions>];
export type MessageId = 'casingDrift' | 'separatorDrift' | 'keySetMismatch' | 'typedServicesUnavailable' | 'renameKey';

const defaults: RuleOptions = { compareSeparators: false, checkKeySets: true, reportMissingTypes: false };

const requireFromHere = createRequire(import.meta.url);
let tsForUntyped: typeof ts | null | undefined;
function loadTypeScript(): typeof ts | null {
  if (tsForUntyped === undefined) {
    try {
      tsForUntyped = requireFromHere('typescript') as typeof ts;
    } catch {
      tsForUntyped = null;
    }
  }
  return tsForUntyped;
}

function isIdentifierName(name: string): boolean {
  return /^[A-Za-z_$][\w$]*$/.test(name);
}

type Context = Readonly<TSESLint.RuleContext<MessageId, Options>>;

export default createRule<Options, MessageId>({
  name: 'consistent-encryption-context',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require encryption-context keys to be spelled the same at every encrypt and decrypt site of the project, and decrypt contexts to carry the encrypt-side key set',
      recommended: 'recommended',
      severity: 'error',
      requiresTypeChecking: false,
    },
    hasSuggestions: true,
    messages: {
      casingDrift:
        "Encryption context key '{{key}}' differs only in letter case from '{{expected}}' at {{other}}. KMS compares context keys byte for byte, so a ciphertext bound with one spelling fails to decrypt with the other (InvalidCiphertextException).",
      separatorDrift:
        "Encryption context key '{{key}}' differs only in letter case or '_'/'-' separators from '{{expected}}' at {{other}}. KMS compares context keys byte for byte, so a ciphertext bound with one spelling fails to decrypt with the other (InvalidCiphertextException).",
      keySetMismatch:
        'This {{operation}} presents the context keys {{{keys}}} but the {{otherOperation}} at {{other}} binds {{{otherKeys}}} with the same {{via}}: KMS requires exactly the same key/value pairs ({{diff}}).',
      typedServicesUnavailable:
        'consistent-encryption-context checked encryption contexts within this file only: comparing sites across files needs typed linting (parserOptions.projectService or parserOptions.project).',
      renameKey: "Rename the key to '{{expected}}'.",
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          compareSeparators: {
            type: 'boolean',
            description: "Also report keys that differ only in '_'/'-' separators (and letter case), such as `tenant_id` and `tenantId`.",
          },
          checkKeySets: {
            type: 'boolean',
            description: 'Report a decrypt site whose key set differs from the encrypt site of the same module for the same KMS key or context factory.',
          },
          reportMissingTypes: {
            type: 'boolean',
            description: 'Without typed linting, say once per file that only that file was checked.',
          },
        },
      },
    ],
    defaultOptions: [defaults],
  },
  defaultOptions: [defaults],
  create(context, [options]) {
    const opts: RuleOptions = { ...defaults, ...options };
    return {
      'Program:exit'(program: TSESTree.Program) {
        let typed = false;
        try {
          typed = check(context, opts);
        } catch {
          // The rule never throws; a project it cannot read is left alone.
          typed = true;
        }
        if (!typed && opts.reportMissingTypes) {
          context.report({ node: program, loc: { line: 1, column: 0 }, messageId: 'typedServicesUnavailable' });
        }
      },
    };
  },
});

/** Reports this file's findings; returns whether the whole project was compared (typed linting). */
function check(context: Context, options: RuleOptions): boolean {
  const sourceCode = context.sourceCode;
  const info = getTypeInfo(context as never);
  const fileName = normaliseFileName(path.resolve(context.filename));
  let findings: Finding[] | undefined;
  let typed = false;
  if (info) {
    typed = true;
    const index = contextIndexOf(info.ts, info.program);
    const own = info.program.getSourceFile(context.filename);
    if (own && own.text === sourceCode.text) {
      findings = projectFindings(index, options).get(normaliseFileName(own.fileName));
    } else {
      // The Program holds another version of this file (or none): compare the linted text with the other files.
      const mine = contextSitesOfFile(info.ts, fileName, sourceCode.text);
      const others = index.sites.filter((s) => s.file !== fileName && s.file !== normaliseFileName(own?.fileName ?? ''));
      findings = analyse([...others, ...mine], options).get(fileName);
    }
  } else {
    const tsLib = loadTypeScript();
    if (!tsLib) return false;
    findings = analyse(contextSitesOfFile(tsLib, fileName, sourceCode.text), options).get(fileName);
  }
  const where = (file: string, line: number) => `${path.relative(context.cwd, file).split(path.sep).join('/')}:${line}`;
  for (const f of findings ?? []) {
    if (f.kind === 'drift') {
      const { occ } = f;
      const suggest: TSESLint.SuggestionReportDescriptor<MessageId>[] = [];
      const rename = occ.rename;
      if (rename && sourceCode.text.slice(rename.start, rename.end) === (rename.kind === 'string-key' ? sourceCode.text.slice(rename.start, rename.end) : occ.name)) {
        const quoted = (q: string) => `${q}${f.expected.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`)}${q}`;
        let text: string;
        if (rename.kind === 'string-key') {
          const q = sourceCode.text[rename.start] === '"' ? '"' : "'";
          text = quoted(q);
        } else {
          const key = isIdentifierName(f.expected) ? f.expected : quoted("'");
          text = rename.kind === 'shorthand' ? `${key}: ${occ.name}` : key;
        }
        suggest.push({
          messageId: 'renameKey',
          data: { expected: f.expected },
          fix: (fixer) => fixer.replaceTextRange([rename.start, rename.end], text),
        });
      }
      context.report({
        loc: { start: { line: occ.line, column: occ.column }, end: { line: occ.endLine, column: occ.endColumn } },
        messageId: f.separators ? 'separatorDrift' : 'casingDrift',
        data: { key: occ.name, expected: f.expected, other: where(f.ref.file, f.ref.line) },
        suggest,
      });
    } else {
      const { site, ref } = f;
      const diff = [f.missing.length ? `missing ${f.missing.join(', ')}` : '', f.extra.length ? `unexpected ${f.extra.join(', ')}` : ''].filter(Boolean).join('; ');
      context.report({
        loc: { start: { line: site.line, column: site.column }, end: { line: site.endLine, column: site.endColumn } },
        messageId: 'keySetMismatch',
        data: {
          operation: site.operation,
          keys: [...keySet(site)].sort().join(', '),
          otherOperation: ref.operation,
          other: where(ref.file, ref.line),
          otherKeys: [...keySet(ref)].sort().join(', '),
          via: site.factory && site.factory === ref.factory ? 'context factory' : 'KMS key',
          diff,
        },
      });
    }
  }
  return typed;
}
