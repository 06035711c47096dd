// Code-path helpers on top of ESLint's code-path analysis: where each node runs (its segments and order), and a
// forward may-analysis over the segment graph. Rules that must reason about "every path out of a function"
// (zeroize in `finally`, release on every return) record with `createPathRecorder` and solve with `solveForward`.
import type { TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode } from './ast.js';

/** The parts of ESLint's CodePathSegment we read (`nextSegments`/`prevSegments` hold reachable neighbours only). */
export interface Segment {
  id: string;
  reachable: boolean;
  nextSegments: Segment[];
  prevSegments: Segment[];
}

/** The parts of ESLint's CodePath we read. */
export interface CodePath {
  id: string;
  initialSegment: Segment;
  returnedSegments: Segment[];
  thrownSegments: Segment[];
}

/** One function's (or the Program's) code path, with the position of every node that ran in it. */
export interface PathFrame {
  codePath: CodePath;
  /** The function node, or the Program. */
  root: TSESTree.Node;
  /** Reachable segments, in discovery order from the initial one. Filled at the frame's end. */
  segments: Segment[];
}

/** Where a node ran: in which frame, in which segments, at which step of the traversal, on entry and on exit. */
export interface NodePosition {
  frame: PathFrame;
  enterSeq: number;
  enterSegments: readonly Segment[];
  exitSeq: number;
  exitSegments: readonly Segment[];
}

export interface PathRecorder {
  /** Listeners to merge into the rule's own (none of them reports). */
  listeners: Record<string, (...args: never[]) => void>;
  /** Where a node ran; a nested function node is placed in the frame that creates it, not in its own. */
  positionOf(node: TSESTree.Node): NodePosition | undefined;
  /** The frame whose root is this function (or Program) node. */
  frameOf(root: TSESTree.Node): PathFrame | undefined;
  /** Every frame, in the order their code paths ended (inner functions first, the Program last). */
  frames: PathFrame[];
}

interface LiveFrame {
  frame: PathFrame;
  current: Set<Segment>;
  /** The reachable segments of `current`, shared by every node entered until a segment starts or ends. */
  reachable: Segment[] | null;
}

function reachableSegments(initial: Segment): Segment[] {
  const seen = new Set<Segment>([initial]);
  const order: Segment[] = [initial];
  for (let i = 0; i < order.length; i++) {
    for (const next of order[i].nextSegments) {
      if (!seen.has(next) && next.reachable) {
        seen.add(next);
        order.push(next);
      }
    }
  }
  return order;
}

/**
 * Records, for every node of the file, the code-path segments it runs in and its order of evaluation.
 * `onProgramEnd` runs once the whole file's code paths are complete (after the Program's `onCodePathEnd`).
 */
export function createPathRecorder(onProgramEnd: (recorder: PathRecorder) => void): PathRecorder {
  const stack: LiveFrame[] = [];
  const positions = new Map<TSESTree.Node, NodePosition>();
  const byRoot = new Map<TSESTree.Node, PathFrame>();
  const frames: PathFrame[] = [];
  let seq = 0;

  const top = (): LiveFrame | undefined => stack[stack.length - 1];
  // Recorded for every node of the file: one array per segment change, not one per node (callers never mutate it).
  const snapshot = (live: LiveFrame): Segment[] => (live.reachable ??= [...live.current].filter((s) => s.reachable));

  const recorder: PathRecorder = {
    frames,
    positionOf: (node) => positions.get(node),
    frameOf: (root) => byRoot.get(root),
    listeners: {},
  };

  const enter = (node: TSESTree.Node): void => {
    const live = top();
    if (!live || positions.has(node)) return;
    const segments = snapshot(live);
    positions.set(node, { frame: live.frame, enterSeq: seq++, enterSegments: segments, exitSeq: -1, exitSegments: segments });
  };

  const segmentChange = (segment: Segment, started: boolean): void => {
    const live = top();
    if (!live) return;
    if (started) live.current.add(segment);
    else live.current.delete(segment);
    live.reachable = null;
  };

  recorder.listeners = {
    onCodePathStart(codePath: CodePath, node: TSESTree.Node) {
      // A nested function is created where it appears in its parent frame: record it there before its own frame starts.
      enter(node);
      const frame: PathFrame = { codePath, root: node, segments: [] };
      byRoot.set(node, frame);
      stack.push({ frame, current: new Set(), reachable: null });
    },
    onCodePathEnd(codePath: CodePath, node: TSESTree.Node) {
      const live = stack.pop();
      if (live) {
        live.frame.segments = reachableSegments(codePath.initialSegment);
        frames.push(live.frame);
      }
      const position = positions.get(node);
      const parent = top();
      if (position && parent) {
        position.exitSeq = seq++;
        position.exitSegments = snapshot(parent);
      }
      if (node.type === 'Program') onProgramEnd(recorder);
    },
    onCodePathSegmentStart(segment: Segment) {
      segmentChange(segment, true);
    },
    onCodePathSegmentEnd(segment: Segment) {
      segmentChange(segment, false);
    },
    onUnreachableCodePathSegmentStart(segment: Segment) {
      segmentChange(segment, true);
    },
    onUnreachableCodePathSegmentEnd(segment: Segment) {
      segmentChange(segment, false);
    },
    '*'(node: TSESTree.Node) {
      enter(node);
    },
    '*:exit'(node: TSESTree.Node) {
      const position = positions.get(node);
      const live = top();
      if (!position || !live || position.frame !== live.frame || position.exitSeq >= 0) return;
      position.exitSeq = seq++;
      position.exitSegments = snapshot(live);
    },
  };
  return recorder;
}

/** A state change at one point of a segment; `apply` returns the state after it. */
export interface FlowEvent<S> {
  seq: number;
  apply(state: S): S;
}

export interface ForwardProblem<S> {
  frame: PathFrame;
  /** The state on entry to the function. */
  initial: S;
  /** Least element (nothing known yet). */
  bottom: S;
  join(a: S, b: S): S;
  equal(a: S, b: S): boolean;
  /** Events of each segment; applied in `seq` order. */
  eventsOf(segment: Segment): readonly FlowEvent<S>[];
  /** Extra state flowing into a segment's start (e.g. exceptions reaching a `catch`). */
  injected?(segment: Segment): S | undefined;
  /** The state carried along one edge (e.g. an `if`'s false branch, on which a value is known to be absent). */
  edge?(from: Segment, to: Segment, state: S): S;
}

export interface ForwardSolution<S> {
  in: Map<Segment, S>;
  out: Map<Segment, S>;
  /** The state just before each event runs, once the solution is stable. */
  before(segment: Segment, event: FlowEvent<S>): S;
}

/** Forward may-analysis to a fixed point over the reachable segments of one frame (loops included). */
export function solveForward<S>(problem: ForwardProblem<S>): ForwardSolution<S> {
  const { frame, join, equal, bottom } = problem;
  const reachable = new Set(frame.segments);
  const sorted = new Map<Segment, FlowEvent<S>[]>();
  for (const segment of frame.segments) {
    sorted.set(segment, [...problem.eventsOf(segment)].sort((a, b) => a.seq - b.seq));
  }
  const inState = new Map<Segment, S>();
  const outState = new Map<Segment, S>();
  const transfer = (segment: Segment, state: S): S => {
    let s = state;
    for (const event of sorted.get(segment) ?? []) s = event.apply(s);
    return s;
  };
  const entryOf = (segment: Segment): S => {
    let s = segment === frame.codePath.initialSegment ? problem.initial : bottom;
    for (const prev of segment.prevSegments) {
      if (!reachable.has(prev)) continue;
      const out = outState.get(prev) ?? bottom;
      s = join(s, problem.edge ? problem.edge(prev, segment, out) : out);
    }
    const extra = problem.injected?.(segment);
    return extra === undefined ? s : join(s, extra);
  };
  const work = [...frame.segments];
  const queued = new Set(work);
  // Bounded: states form a finite lattice in every use, but a guard keeps a bad join from hanging the linter.
  let budget = frame.segments.length * 64 + 256;
  while (work.length > 0 && budget-- > 0) {
    const segment = work.shift()!;
    queued.delete(segment);
    const entry = entryOf(segment);
    inState.set(segment, entry);
    const exit = transfer(segment, entry);
    const previous = outState.get(segment);
    if (previous !== undefined && equal(previous, exit)) continue;
    outState.set(segment, exit);
    for (const next of segment.nextSegments) {
      if (reachable.has(next) && !queued.has(next)) {
        queued.add(next);
        work.push(next);
      }
    }
  }
  return {
    in: inState,
    out: outState,
    before(segment, event) {
      let s = inState.get(segment) ?? bottom;
      for (const e of sorted.get(segment) ?? []) {
        if (e === event) return s;
        s = e.apply(s);
      }
      return s;
    },
  };
}

/** The nearest enclosing function of a node (or the Program), which is the root of the frame it runs in. */
export function frameRootOf(node: TSESTree.Node): TSESTree.Node {
  let child: TSESTree.Node = node;
  let current = node.parent;
  while (current) {
    if (isFunctionNode(current) || current.type === 'Program' || current.type === 'StaticBlock') return current;
    // Class field initialisers run in code paths of their own, rooted at the initialiser.
    if (current.type === 'PropertyDefinition' && current.value === child && child !== node) return child;
    child = current;
    current = current.parent;
  }
  return node;
}

/**
 * The function directly inside `root` that contains `node` (`node` itself if it is one), or null when `node`
 * runs in `root`'s own frame.
 */
export function nestedFunctionIn(root: TSESTree.Node, node: TSESTree.Node): TSESTree.Node | null {
  let current: TSESTree.Node | undefined = node;
  let candidate: TSESTree.Node | null = null;
  while (current && current !== root) {
    if (isFunctionNode(current)) candidate = current;
    current = current.parent;
  }
  return current === root ? candidate : null;
}
