import { type IvrFlow, type IvrNode, ivrVariableName } from '../../../shared/ivr-flow.js';
import type { IvrAwaiting, IvrCallState, IvrEndReason, IvrInstruction } from './ivr-call.js';

/**
 * The working context of one interpreter step: a private copy of the call state that the step
 * changes, and the instructions it emits. Helpers here change only that copy.
 */

/** Nodes one event may pass through; only an unvalidated flow with an automatic loop gets near it. */
export const MAX_NODES_PER_EVENT = 100;
/** Steps kept in the path; a caller going round a menu loop cannot grow a call record without end. */
export const MAX_PATH_STEPS = 200;

export type Run = {
  nodes: ReadonlyMap<string, IvrNode>;
  state: IvrCallState;
  instructions: IvrInstruction[];
  /** The event's time, ISO. */
  at: string;
  nodesEntered: number;
};

export function openRun(flow: IvrFlow, state: IvrCallState, now: Date): Run {
  const nodes = new Map<string, IvrNode>();
  // the first of duplicate ids wins, as in validation
  for (const node of flow.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
  return { nodes, state: structuredClone(state), instructions: [], at: now.toISOString(), nodesEntered: 0 };
}

export function emit(run: Run, instruction: IvrInstruction): void {
  run.instructions.push(instruction);
}

/** Says `text` (with `{variable}` filled in) unless it is empty. */
export function say(run: Run, nodeId: string, text: string | undefined): void {
  if (text) emit(run, { type: 'play', nodeId, text: fillVariables(text, run.state.variables) });
}

/** Starts waiting for `kind` and returns the new sequence number for the instruction. */
export function startWaiting(run: Run, kind: IvrAwaiting['kind']): number {
  run.state.seq += 1;
  run.state.awaiting = { kind, seq: run.state.seq };
  return run.state.seq;
}

export function recordEntry(run: Run, node: IvrNode): void {
  const { state } = run;
  state.nodeId = node.id;
  state.awaiting = null;
  state.digits = '';
  state.retries[node.id] = 0;
  if (state.path.length >= MAX_PATH_STEPS) state.pathTruncated = true;
  else state.path.push({ nodeId: node.id, kind: node.kind, at: run.at, exit: null });
}

/** Notes how the call left its current node (on the last path step, if that is the current node). */
export function recordExit(run: Run, exit: string): void {
  const last = run.state.path[run.state.path.length - 1];
  if (last && last.nodeId === run.state.nodeId && last.exit === null) last.exit = exit;
}

/** Ends the IVR part of the call; `hangUp` also tells the telephony side to end the call. */
export function finish(run: Run, reason: IvrEndReason, hangUp: boolean): void {
  run.state.status = 'finished';
  run.state.awaiting = null;
  run.state.endReason = reason;
  if (hangUp) emit(run, { type: 'hangup', nodeId: run.state.nodeId, reason });
}

/** Copies host-supplied variables, skipping names a flow could not have meant. */
export function setVariables(run: Run, variables: Record<string, string | null | undefined>): void {
  for (const [name, value] of Object.entries(variables)) {
    if (typeof value === 'string' && ivrVariableName.safeParse(name).success) run.state.variables[name] = value;
  }
}

/** Replaces `{name}` by the variable's value; an unknown variable says nothing rather than its name. */
export function fillVariables(text: string, variables: Readonly<Record<string, string>>): string {
  return text.replace(/\{([a-z][a-z0-9_.]*)\}/g, (_, name: string) => variables[name] ?? '');
}
