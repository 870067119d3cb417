import { type IvrFlow, type IvrNode, nodeExits } from '../../../shared/ivr-flow.js';
import { LOCALES, type Locale, t } from '../../platform/i18n.js';
import { cycleGroups, type Edges, reachableFrom } from './ivr-graph.js';

/**
 * Graph rules a flow must pass before it is published (§7.2). The checks themselves are pure;
 * only the wording comes from the `ivr.problems.*` catalogues.
 *
 * Rules:
 * - exactly one node is marked `start`; node ids are unique;
 * - every exit of a non-terminal node is connected (an unconnected exit is a dead end: a call
 *   taking it would be stranded) and leads to an existing node;
 * - every node is reachable from the start;
 * - a menu has at least one option and no key twice; a digit entry's minimum ≤ maximum;
 * - no unbounded loop. An exit is *caller-driven* when it is only taken after the caller pressed
 *   a key: a menu option, a menu's invalid-key exit, a digit entry's `next`. Every other exit
 *   (play's next, lookups, business hours, ticket status and every timeout) is taken with no
 *   caller action. A cycle that contains at least one caller-driven exit is bounded: each round
 *   costs the caller a key press, as in "press 9 to hear the menu again". A cycle made only of
 *   automatic exits is refused: it could go round forever on a silent line, or, through play
 *   nodes alone, without ever waiting. A menu's own re-prompts are not a graph cycle; they are
 *   bounded by its retry count. Timeout exits count as automatic on purpose: a menu whose timeout
 *   leads back to itself would repeat forever for a caller who never presses anything.
 *
 * Together these guarantee that from every node a terminal node can be reached: every
 * non-terminal kind has an automatic exit, and following automatic exits cannot cycle.
 */

export const IVR_PROBLEM_CODES = [
  'no_start_node',
  'multiple_start_nodes',
  'duplicate_node_id',
  'missing_target',
  'dead_end',
  'unreachable',
  'unbounded_loop',
  'duplicate_dtmf_key',
  'menu_without_options',
  'digit_range_invalid',
] as const;
export type IvrProblemCode = (typeof IVR_PROBLEM_CODES)[number];

export type IvrProblem = {
  code: IvrProblemCode;
  /** The node to highlight in the editor; null for problems of the whole flow. */
  nodeId: string | null;
  /** For exit problems, the exit's key (`next`, `option:2`, `on_timeout`, …). */
  exit?: string;
  message: Record<Locale, string>;
};

/** A problem before wording: what the checks produce. */
export type IvrFinding = { code: IvrProblemCode; nodeId: string | null; exit?: string; params?: Record<string, string | number> };

/** Checks a flow against the rules above; an empty list means it may be published. */
export function validateFlow(flow: IvrFlow): IvrProblem[] {
  return findProblems(flow).map(({ code, nodeId, exit, params = {} }) => ({
    code,
    nodeId,
    ...(exit ? { exit } : {}),
    message: Object.fromEntries(
      LOCALES.map((locale) => [
        locale,
        t(locale, `ivr.problems.${code}`, { node: nodeId ?? '', ...params, ...(exit ? { exit: exitLabel(locale, exit) } : {}) }),
      ]),
    ) as Record<Locale, string>,
  }));
}

/** The problems as codes and parameters, in document order of the nodes. */
export function findProblems(flow: IvrFlow): IvrFinding[] {
  const findings: IvrFinding[] = [];
  const byId = new Map<string, IvrNode>();
  for (const node of flow.nodes) {
    if (byId.has(node.id)) findings.push({ code: 'duplicate_node_id', nodeId: node.id });
    else byId.set(node.id, node);
  }

  const starts = flow.nodes.filter((n) => n.start);
  if (starts.length === 0) findings.push({ code: 'no_start_node', nodeId: null });
  if (starts.length > 1) {
    for (const s of starts) findings.push({ code: 'multiple_start_nodes', nodeId: s.id, params: { count: starts.length } });
  }

  for (const node of flow.nodes) findings.push(...nodeRuleProblems(node), ...exitProblems(node, byId));

  // Edges only to nodes that exist; duplicates of an id contribute through the first node only.
  const allEdges = new Map<string, string[]>();
  const automaticEdges = new Map<string, string[]>();
  for (const node of byId.values()) {
    const exits = nodeExits(node).filter((e) => e.target !== null && byId.has(e.target));
    allEdges.set(node.id, exits.map((e) => e.target!));
    automaticEdges.set(node.id, exits.filter((e) => !e.callerDriven).map((e) => e.target!));
  }

  if (starts.length === 1) findings.push(...unreachableProblems(starts[0].id, [...byId.keys()], allEdges));

  for (const group of cycleGroups([...byId.keys()], automaticEdges)) {
    findings.push({ code: 'unbounded_loop', nodeId: group[0], params: { nodes: group.join(', ') } });
  }
  return findings;
}

function nodeRuleProblems(node: IvrNode): IvrFinding[] {
  const findings: IvrFinding[] = [];
  if (node.kind === 'menu') {
    if (node.options.length === 0) findings.push({ code: 'menu_without_options', nodeId: node.id });
    const seen = new Set<string>();
    const reported = new Set<string>();
    for (const { key } of node.options) {
      if (seen.has(key) && !reported.has(key)) {
        findings.push({ code: 'duplicate_dtmf_key', nodeId: node.id, params: { key } });
        reported.add(key);
      }
      seen.add(key);
    }
  }
  if (node.kind === 'collect_digits' && node.minDigits > node.maxDigits) {
    findings.push({ code: 'digit_range_invalid', nodeId: node.id, params: { min: node.minDigits, max: node.maxDigits } });
  }
  return findings;
}

function exitProblems(node: IvrNode, byId: ReadonlyMap<string, IvrNode>): IvrFinding[] {
  const findings: IvrFinding[] = [];
  for (const { key, target } of nodeExits(node)) {
    if (target === null) findings.push({ code: 'dead_end', nodeId: node.id, exit: key });
    else if (!byId.has(target)) findings.push({ code: 'missing_target', nodeId: node.id, exit: key, params: { target } });
  }
  return findings;
}

function unreachableProblems(startId: string, ids: readonly string[], edges: Edges): IvrFinding[] {
  const reached = reachableFrom(startId, edges);
  return ids.filter((id) => !reached.has(id)).map((id) => ({ code: 'unreachable' as const, nodeId: id }));
}

/** `option:2` → "按键 2" / "key 2"; other exits by their key. */
function exitLabel(locale: Locale, exit: string): string {
  const [name, key] = exit.split(':');
  return t(locale, `ivr.problems.exits.${name}`, { key });
}
