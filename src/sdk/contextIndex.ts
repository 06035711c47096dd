// Every encryption-context site of a project, read from the TypeScript AST syntactically (no type checker).
//
// Typed linting hands each rule the parser's `ts.Program`; typescript-eslint reuses it across files, so the
// index is built once per Program (WeakMap) from `program.getSourceFiles()`, skipping declaration files, default
// libraries and external libraries, and walking only files whose text mentions an encryption context. Other
// files are read only on demand, when a site imports a context factory, a shared `const` or its request params
// from them. Nothing is re-parsed: the Program's SourceFiles are the ASTs. Untyped linting indexes the one file
// being linted (parsed once with TypeScript's parser when TypeScript is installed).
//
// The pieces: context/types.ts (what a site is), context/syntax.ts and context/names.ts (bindings and modules),
// context/objects.ts (context objects and request fields), context/walker.ts (the sites of a file); for the
// repository scope, context/repository.ts (one index per root and run), context/files.ts (roots and listings),
// context/exclude.ts (files the lint run ignores) and context/workspaces.ts (imports of workspace packages by name).
import type * as ts from 'typescript';
import type { FileExclusion } from './context/exclude.js';
import { isProjectFile, noOtherFiles, normalise, type TsLib } from './context/syntax.js';
import { contextIndexStats, contextPrefilter, type ContextIndex, type ContextSite } from './context/types.js';
import { SiteWalker } from './context/walker.js';

export { contextIndexStats, contextPrefilter, type ContextIndex, type ContextSide, type ContextSite, type ContextSource, type KeyOccurrence } from './context/types.js';
export { repositoryIndexOf, repositoryStats, type RepositoryIndex } from './context/repository.js';
export { packageRootOf, repositoryRootOf } from './context/files.js';
export { DEFAULT_CONTEXT_EXCLUDES, exclusionFor, type FileExclusion } from './context/exclude.js';


const cache = new WeakMap<ts.Program, Map<string, ContextIndex>>();

/**
 * The project's context sites, built once per Program (and exclusion): linear in the number of files. Files the
 * exclusion leaves out (a Program whose tsconfig takes in dist/) are no sites, though their exports are still read.
 */
export function contextIndexOf(tsLib: TsLib, program: ts.Program, exclusion: FileExclusion | null = null): ContextIndex {
  let perExclusion = cache.get(program);
  if (!perExclusion) cache.set(program, (perExclusion = new Map()));
  const cached = perExclusion.get(exclusion?.key ?? '');
  if (cached) return cached;
  contextIndexStats.builds++;
  const files = new Map<string, ts.SourceFile>();
  const candidates: ts.SourceFile[] = [];
  for (const sf of program.getSourceFiles()) {
    if (!isProjectFile(program, sf)) continue;
    const name = normalise(sf.fileName);
    files.set(name, sf);
    if (contextPrefilter.test(sf.text) && !exclusion?.excludes(name)) candidates.push(sf);
  }
  const walker = new SiteWalker(tsLib, { crossFile: true, get: (name) => files.get(name) });
  for (const sf of candidates) walker.walkFile(sf);
  contextIndexStats.filesWalked += candidates.length;
  const index: ContextIndex = { sites: walker.sites, filesWalked: candidates.length };
  perExclusion.set(exclusion?.key ?? '', index);
  return index;
}

/** The context sites of one file on its own (untyped linting): imports of project modules are not followed. */
export function contextSitesOfFile(tsLib: TsLib, fileName: string, text: string): ContextSite[] {
  if (!contextPrefilter.test(text)) return [];
  const kind = /\.[cm]?jsx?$/.test(fileName) ? tsLib.ScriptKind.JSX : /\.tsx$/.test(fileName) ? tsLib.ScriptKind.TSX : tsLib.ScriptKind.TS;
  const sf = tsLib.createSourceFile(fileName, text, tsLib.ScriptTarget.Latest, true, kind);
  const walker = new SiteWalker(tsLib, noOtherFiles);
  walker.walkFile(sf);
  return walker.sites;
}

export { normalise as normaliseFileName };
