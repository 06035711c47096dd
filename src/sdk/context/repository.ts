// One context index per repository (or package) for the whole lint run, whatever Programs the run opens.
//
// typescript-eslint's projectService keeps one Program per tsconfig, so a monorepo's writer and reader packages are
// linted in different Programs. This index covers every source file under a root: files a Program holds are taken
// from it (its SourceFile, no re-parse); of the others, git's grep names those that mention a context field, and
// only those (and the modules their sites import) are read from disk and parsed, once. Outside a git work tree every
// source file is read and text-filtered instead. Each Program is merged once (a WeakSet): a file whose text the
// index already has costs one string comparison, so the merge stays linear in the number of files, and the sites
// are rebuilt only when some file's text actually changed. Files the exclusion leaves out (built copies, generated code)
// are never sources of sites, and imports of the repository's workspace packages by name are followed (workspaces.ts).
//
// Freshness: within a run the disk is read once. When a file is linted a second time (an editor re-linting on
// change, or ESLint's fix passes), the listing is taken again, every file read before whose size or mtime moved is
// re-read, and a text that changed invalidates the index. The file being linted is always compared as ESLint hands
// it over (the editor's unsaved buffer): see `findingsWith` in the rule.
import fs from 'node:fs';
import type * as ts from 'typescript';
import type { FileExclusion } from './exclude.js';
import { isUnder, listContextFiles } from './files.js';
import { isProjectFile, normalise, type TsLib } from './syntax.js';
import { contextIndexStats, contextPrefilter, type ContextIndex } from './types.js';
import { SiteWalker } from './walker.js';
import { Workspace } from './workspaces.js';

/** What the repository indexes did, for tests that count work instead of timing it. */
export const repositoryStats = { builds: 0, programsMerged: 0, filesRead: 0, filesParsed: 0, freshnessChecks: 0 };

interface FileEntry {
  text: string;
  /** The SourceFile: a Program's, or parsed from `text` on first need. */
  sf: ts.SourceFile | undefined;
  /** Size and mtime when read from disk; undefined for text a Program supplied (checked on the next freshness pass). */
  stamp: { size: number; mtimeMs: number } | undefined;
  /** The walker read this file (a candidate, or a module a site imports): a change to it changes the sites. */
  used: boolean;
}

export class RepositoryIndex {
  private readonly entries = new Map<string, FileEntry>();
  private readonly programs = new WeakSet<ts.Program>();
  private readonly linted = new Set<string>();
  /** Paths an import resolution looked for and did not find (until a freshness pass or a Program finds them). */
  private readonly missing = new Set<string>();
  private listed = false;
  private index: ContextIndex | null = null;
  /** The root's workspace packages, read on the first build (a package added later is seen by the next lint run). */
  private workspace: Workspace | null = null;

  constructor(
    private readonly ts: TsLib,
    readonly root: string,
    /** Files the lint run ignores (built copies, generated code): never a source of sites, even when a Program holds them. */
    private readonly exclusion: FileExclusion,
  ) {}

  /** The index as of now, after merging `program` (if any) and checking freshness when `lintedFile` comes again. */
  current(program: ts.Program | null, lintedFile: string): ContextIndex {
    if (program && !this.programs.has(program)) this.merge(program);
    if (!this.listed) {
      this.listed = true;
      this.readListing(false);
    } else if (this.linted.has(lintedFile)) {
      repositoryStats.freshnessChecks++;
      this.readListing(true);
    }
    this.linted.add(lintedFile);
    this.index ??= this.build();
    return this.index;
  }

  /** The text the index holds for a file (normalised path), if any. */
  textOf(fileName: string): string | undefined {
    return this.entries.get(fileName)?.text;
  }

  private merge(program: ts.Program): void {
    this.programs.add(program);
    repositoryStats.programsMerged++;
    for (const sf of program.getSourceFiles()) {
      const name = normalise(sf.fileName);
      if (!isUnder(this.root, name) || !isProjectFile(program, sf) || this.exclusion.excludes(name)) continue;
      const entry = this.entries.get(name);
      if (entry?.sf === sf) continue;
      if (entry && entry.text === sf.text) {
        entry.sf = sf;
        continue;
      }
      // The sites change only if the file holds a context (now or before), or a site read it (or looked for it).
      const looked = this.missing.delete(name);
      const affects = looked || !!entry?.used || contextPrefilter.test(sf.text) || (!!entry && contextPrefilter.test(entry.text));
      this.entries.set(name, { text: sf.text, sf, stamp: undefined, used: entry?.used ?? false });
      if (affects) this.index = null;
    }
  }

  /**
   * Reads the listed files the index lacks; with `recheck`, also those read before whose size or mtime moved, and
   * drops those deleted. Files a Program supplied are left to their Program.
   */
  private readListing(recheck: boolean): void {
    const listing = listContextFiles(this.root, this.exclusion);
    const listed = listing.candidates ?? listing.all ?? [];
    if (recheck) {
      // A module a site looked for in vain that is a file now changes the sites; the others stay missing (so that
      // a Program bringing one later still counts as a change).
      for (const name of this.missing) {
        if (fs.statSync(name, { throwIfNoEntry: false })?.isFile()) {
          this.missing.delete(name);
          this.index = null;
        }
      }
    }
    for (const name of listed) {
      const entry = this.entries.get(name);
      if (entry && (!recheck || !entry.stamp)) continue;
      this.readFromDisk(name, entry);
    }
    if (!recheck) return;
    // Read before but not listed now: modules a site imports, or files that were deleted or no longer mention a context.
    const now = new Set(listed);
    for (const [name, entry] of [...this.entries]) {
      if (!entry.stamp || now.has(name)) continue;
      if (fs.existsSync(name)) this.readFromDisk(name, entry);
      else {
        this.entries.delete(name);
        this.index = null;
      }
    }
  }

  /** Reads a file unless its size and mtime are those read before; a text that changed invalidates the index. */
  private readFromDisk(name: string, entry: FileEntry | undefined): FileEntry | undefined {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(name);
    } catch {
      return undefined;
    }
    if (!stat.isFile()) return undefined;
    if (entry?.stamp && entry.stamp.size === stat.size && entry.stamp.mtimeMs === stat.mtimeMs) return entry;
    let text: string;
    try {
      text = fs.readFileSync(name, 'utf8');
    } catch {
      return undefined;
    }
    repositoryStats.filesRead++;
    const stamp = { size: stat.size, mtimeMs: stat.mtimeMs };
    if (entry && entry.text === text) {
      entry.stamp = stamp;
      return entry;
    }
    const fresh: FileEntry = { text, sf: undefined, stamp, used: entry?.used ?? false };
    this.entries.set(name, fresh);
    this.index = null;
    return fresh;
  }

  /** A file's syntax tree: its Program's, or parsed here (files no Program holds are read when a site imports them). */
  private sourceFileOf(name: string): ts.SourceFile | undefined {
    let entry = this.entries.get(name);
    if (!entry) {
      if (this.missing.has(name) || !isUnder(this.root, name)) return undefined;
      entry = this.readFromDisk(name, undefined);
      if (!entry) {
        this.missing.add(name);
        return undefined;
      }
    }
    entry.used = true;
    if (!entry.sf) {
      const t = this.ts;
      const kind = /\.[cm]?jsx?$/.test(name) ? t.ScriptKind.JSX : /\.tsx$/.test(name) ? t.ScriptKind.TSX : t.ScriptKind.TS;
      // JSDoc is never a context site: skip parsing it where TypeScript can (5.3+).
      const target = t.JSDocParsingMode ? { languageVersion: t.ScriptTarget.Latest, jsDocParsingMode: t.JSDocParsingMode.ParseNone } : t.ScriptTarget.Latest;
      entry.sf = t.createSourceFile(name, entry.text, target, true, kind);
      repositoryStats.filesParsed++;
    }
    return entry.sf;
  }

  private build(): ContextIndex {
    repositoryStats.builds++;
    contextIndexStats.builds++;
    const workspace = (this.workspace ??= new Workspace(this.root));
    const walker = new SiteWalker(this.ts, {
      crossFile: true,
      get: (name) => this.sourceFileOf(name),
      packageModule: (specifier) => workspace.moduleStems(specifier),
    });
    let walked = 0;
    // A snapshot: modules read while walking are added to the entries. An excluded module a site imports is read
    // for the values it exports, never walked for sites of its own.
    for (const [name, entry] of [...this.entries]) {
      if (!contextPrefilter.test(entry.text) || this.exclusion.excludes(name)) continue;
      const sf = this.sourceFileOf(name);
      if (!sf) continue;
      walker.walkFile(sf);
      walked++;
    }
    contextIndexStats.filesWalked += walked;
    return { sites: walker.sites, filesWalked: walked };
  }
}

const indexes = new Map<string, RepositoryIndex>();

/**
 * The one index of a root and exclusion for this process (a lint run, or an editor session kept fresh as described
 * above). `exclusion` must be the one `exclusionFor` gives for this root.
 */
export function repositoryIndexOf(tsLib: TsLib, root: string, exclusion: FileExclusion): RepositoryIndex {
  let index = indexes.get(exclusion.key);
  if (!index) indexes.set(exclusion.key, (index = new RepositoryIndex(tsLib, root, exclusion)));
  return index;
}
