import path from 'node:path';
import { createRequire } from 'node:module';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { getTypeInfo } from '../sdk/index.js';
import {
  contextIndexOf,
  contextPrefilter,
  contextSitesOfFile,
  exclusionFor,
  normaliseFileName,
  packageRootOf,
  repositoryIndexOf,
  repositoryRootOf,
  type ContextIndex,
} from '../sdk/contextIndex.js';
import { analyse, keySet, projectFindings, type Finding } from '../sdk/context/compare.js';
import { createRule } from '../util/createRule.js';

export interface RuleOptions {
  compareSeparators: boolean;
  checkKeySets: boolean;
  reportMissingTypes: boolean;
  scope: 'program' | 'repository';
  /** Globs (as in flat-config `ignores`) of files whose sites are not compared, after the built-in defaults. */
  exclude: string[];
}
export type Options = [Partial<RuleOptions>];
export type MessageId = 'casingDrift' | 'separatorDrift' | 'keySetMismatch' | 'typedServicesUnavailable' | 'renameKey';

const defaults: RuleOptions = { compareSeparators: false, checkKeySets: true, reportMissingTypes: false, scope: 'repository', exclude: [] };

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
        "consistent-encryption-context checked encryption contexts within this file only: reading the other files needs the 'typescript' package (its parser), which is not installed.",
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
            description: "Say once per file when only that file could be checked (the 'typescript' package, whose parser reads the other files, is not installed).",
          },
          scope: {
            type: 'string',
            enum: ['program', 'repository'],
            description:
              "Which sites each file is compared with: 'repository' (default) every source file under the repository root (the nearest folder with a .git, or ESLint's cwd), across every tsconfig and Program of the run and files no Program holds; 'program' the files of the file's TypeScript Program (without types: its package).",
          },
          exclude: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description:
              "Files whose contexts are not compared, as globs relative to ESLint's cwd (like flat-config `ignores`; `dir/` means everything under it, `!glob` brings files back). Added to the defaults: node_modules, dist, build, out, coverage, .next, cdk.out and declaration files. Pass the same globs your config ignores; git-ignored files are left out already.",
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

/** This file's findings, from the index the scope asks for; null when TypeScript's parser is not installed. */
function fileFindings(context: Context, options: RuleOptions): Finding[] | null {
  const text = context.sourceCode.text;
  const info = getTypeInfo(context as never);
  // Findings sit at this file's own sites, and a text the walker's gate turns away holds none (the index never takes
  // sites from it): most files of a project are done here, before any path, exclusion or index is looked up.
  if (!contextPrefilter.test(text)) return info || loadTypeScript() ? [] : null;
  const fileName = normaliseFileName(path.resolve(context.cwd, context.filename));
  const repositoryRoot = repositoryRootOf(fileName, context.cwd);
  const exclusion = exclusionFor(repositoryRoot, normaliseFileName(path.resolve(context.cwd)), options.exclude);
  // An excluded file linted all the same (a config that does not ignore it): its contexts are not compared.
  if (exclusion.excludes(fileName)) return [];
  if (options.scope === 'program' && info) {
    const index = contextIndexOf(info.ts, info.program, exclusion);
    const own = info.program.getSourceFile(context.filename);
    if (own && own.text === text) return projectFindings(index, options).get(normaliseFileName(own.fileName)) ?? [];
    return findingsWith(info.ts, index, fileName, text, options, normaliseFileName(own?.fileName ?? ''));
  }
  const tsLib = info?.ts ?? loadTypeScript();
  if (!tsLib) return null;
  // Repository scope: every Program of the run and the files no Program holds, under the repository root. Program
  // scope without types: the files of the linted file's package (plain JavaScript has no Program to bound it).
  const root = options.scope === 'repository' ? repositoryRoot : packageRootOf(fileName, repositoryRoot);
  const repository = repositoryIndexOf(tsLib, root, root === repositoryRoot ? exclusion : exclusionFor(root, exclusion.cwd, options.exclude));
  const index = repository.current(info?.program ?? null, fileName);
  if (repository.textOf(fileName) === text) return projectFindings(index, options).get(fileName) ?? [];
  return findingsWith(tsLib, index, fileName, text, options);
}

/**
 * The index holds another version of this file (an editor's unsaved buffer) or none: compare the text being
 * linted with the other files' sites. Imports this text makes of other modules are not followed here.
 */
function findingsWith(tsLib: typeof ts, index: ContextIndex, fileName: string, text: string, options: RuleOptions, alias = ''): Finding[] {
  const mine = contextSitesOfFile(tsLib, fileName, text);
  const others = index.sites.filter((s) => s.file !== fileName && s.file !== alias);
  return analyse([...others, ...mine], options).get(fileName) ?? [];
}

/** Reports this file's findings; returns whether other files were compared (false: TypeScript is not installed). */
function check(context: Context, options: RuleOptions): boolean {
  const sourceCode = context.sourceCode;
  const findings = fileFindings(context, options);
  if (!findings) return false;
  const where = (file: string, line: number) => `${path.relative(context.cwd, file).split(path.sep).join('/')}:${line}`;
  for (const f of findings) {
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
  return true;
}
