import { isDtmfKey, IVR_PRIORITY_MAX, IVR_PRIORITY_MIN, IVR_PRIORITY_VARIABLE, type IvrFlow, type IvrNode } from '../../../shared/ivr-flow.js';
import { type IvrCallState, type IvrEvent, type IvrStepResult, IVR_VARIABLES } from './ivr-call.js';
import { type InputNode, type InputOutcome, inputKey, inputTimeout } from './ivr-input.js';
import { emit, finish, MAX_NODES_PER_EVENT, openRun, recordEntry, recordExit, type Run, say, setVariables, startWaiting } from './ivr-run.js';

/**
 * §7.2 the IVR as a step function: (flow, call state, event, time) → (new state, instructions).
 * It does no I/O and reads no clock: facts it needs (business hours, who the caller is, a
 * ticket's status) go out as instructions and come back as events, and `now` is passed in.
 * The state passed in is never changed.
 */
export function stepIvr(input: { flow: IvrFlow; state: IvrCallState; event: IvrEvent; now: Date }): IvrStepResult {
  const { flow, state, event, now } = input;
  const unchanged = (ignored: NonNullable<IvrStepResult['ignored']>): IvrStepResult => ({ state, instructions: [], path: state.path, ignored });

  if (state.status === 'finished') return unchanged('finished');
  if (event.type === 'call_started') {
    if (state.status !== 'new') return unchanged('unexpected');
  } else if (state.status === 'new') {
    return unchanged('not_started');
  }

  const run = openRun(flow, state, now);
  if (event.type === 'call_started') {
    startCall(run, flow, event);
  } else if (event.type === 'caller_hung_up') {
    recordExit(run, 'caller_hung_up');
    finish(run, 'caller_hung_up', false);
  } else {
    const awaited = expectedAwaiting(event.type);
    const awaiting = run.state.awaiting;
    if (!awaiting || awaiting.kind !== awaited) return unchanged('unexpected');
    if (event.seq !== undefined && event.seq !== awaiting.seq) return unchanged('stale');
    const node = run.nodes.get(run.state.nodeId ?? '');
    if (!node) {
      finish(run, 'flow_error', true);
    } else {
      answer(run, node, event);
    }
  }
  return { state: run.state, instructions: run.instructions, path: run.state.path };
}

type AnswerEvent = Exclude<IvrEvent, { type: 'call_started' } | { type: 'caller_hung_up' }>;

function expectedAwaiting(type: AnswerEvent['type']): NonNullable<IvrCallState['awaiting']>['kind'] {
  switch (type) {
    case 'dtmf':
    case 'timeout':
      return 'input';
    case 'caller_lookup_result':
      return 'caller_lookup';
    case 'business_hours_result':
      return 'business_hours';
    case 'ticket_status_result':
      return 'ticket_status';
  }
}

function startCall(run: Run, flow: IvrFlow, event: Extract<IvrEvent, { type: 'call_started' }>): void {
  run.state.status = 'running';
  setVariables(run, { [IVR_VARIABLES.callerNumber]: event.callerNumber, [IVR_VARIABLES.calledNumber]: event.calledNumber });
  const start = flow.nodes.find((n) => n.start);
  go(run, null, start?.id ?? null);
}

/** Applies an answer to what the call waits for at `node`. */
function answer(run: Run, node: IvrNode, event: AnswerEvent): void {
  const { variables } = run.state;
  if (event.type === 'dtmf' || event.type === 'timeout') {
    if (node.kind !== 'menu' && node.kind !== 'collect_digits') return finish(run, 'flow_error', true);
    if (event.type === 'timeout') return applyInput(run, node, inputTimeout(node, run.state.digits, run.state.retries[node.id] ?? 0));
    // keys typed ahead go to the next input node; they are dropped once the call stops waiting for keys
    for (const key of event.digits) {
      if (!isDtmfKey(key)) continue;
      if (run.state.awaiting?.kind !== 'input' || run.state.status !== 'running') break;
      const current = run.nodes.get(run.state.nodeId ?? '');
      if (current?.kind !== 'menu' && current?.kind !== 'collect_digits') break;
      applyInput(run, current, inputKey(current, key, run.state.digits, run.state.retries[current.id] ?? 0));
    }
    return;
  }
  if (event.type === 'business_hours_result' && node.kind === 'business_hours') {
    return event.open ? go(run, 'on_open', node.onOpen) : go(run, 'on_closed', node.onClosed);
  }
  if (event.type === 'caller_lookup_result' && node.kind === 'caller_lookup') {
    if (!event.found || !event.customer) return go(run, 'on_not_found', node.onNotFound);
    const { id, name, tier } = event.customer;
    setVariables(run, { ...event.variables, [IVR_VARIABLES.customerId]: id, [IVR_VARIABLES.customerName]: name, [IVR_VARIABLES.customerTier]: tier });
    const tierPriority = tier ? node.tierPriority?.[tier as keyof typeof node.tierPriority] : undefined;
    if (tierPriority !== undefined) variables[IVR_PRIORITY_VARIABLE] = String(tierPriority);
    return go(run, 'on_found', node.onFound);
  }
  if (event.type === 'ticket_status_result' && node.kind === 'ticket_status') {
    if (!event.found) return go(run, 'on_not_found', node.onNotFound);
    const status = event.status ?? '';
    setVariables(run, {
      [IVR_VARIABLES.ticketNumber]: variables[node.numberVariable],
      [IVR_VARIABLES.ticketStatus]: status,
      [IVR_VARIABLES.ticketStatusLabel]: event.statusLabel ?? status,
    });
    return go(run, 'on_found', node.onFound);
  }
  finish(run, 'flow_error', true);
}

function applyInput(run: Run, node: InputNode, outcome: InputOutcome): void {
  switch (outcome.type) {
    case 'wait':
      run.state.digits = outcome.digits;
      return;
    case 'retry':
      run.state.retries[node.id] = (run.state.retries[node.id] ?? 0) + 1;
      run.state.digits = '';
      say(run, node.id, outcome.apology);
      return askForInput(run, node);
    case 'give_up':
      run.state.retries[node.id] = (run.state.retries[node.id] ?? 0) + 1;
      return go(run, outcome.exit, outcome.target);
    case 'done':
      if (outcome.collected !== undefined && node.kind === 'collect_digits') run.state.variables[node.variable] = outcome.collected;
      return go(run, outcome.exit, outcome.target);
  }
}

/**
 * Leaves the current node by `exit` (null when starting) and walks on through nodes that need
 * nothing from outside (play, a lookup with nothing to look up) until one waits or ends the call.
 */
function go(run: Run, exit: string | null, target: string | null): void {
  let hop: Hop | null = { exit, target };
  while (hop) {
    if (hop.exit) recordExit(run, hop.exit);
    if (hop.target === null) return finish(run, 'flow_error', true);
    if (++run.nodesEntered > MAX_NODES_PER_EVENT) return finish(run, 'step_limit', true);
    const node = run.nodes.get(hop.target);
    if (!node) return finish(run, 'flow_error', true);
    recordEntry(run, node);
    hop = enter(run, node);
  }
}

type Hop = { exit: string | null; target: string | null };

/** Does what a node does on arrival; returns where to go at once, or null when the call now waits or ended. */
function enter(run: Run, node: IvrNode): Hop | null {
  const { variables } = run.state;
  switch (node.kind) {
    case 'play':
      say(run, node.id, node.text);
      return { exit: 'next', target: node.next };
    case 'menu':
    case 'collect_digits':
      askForInput(run, node);
      return null;
    case 'business_hours': {
      const seq = startWaiting(run, 'business_hours');
      emit(run, { type: 'check_business_hours', nodeId: node.id, seq, calendarId: node.calendarId, at: run.at });
      return null;
    }
    case 'caller_lookup': {
      const callerNumber = variables[IVR_VARIABLES.callerNumber];
      // a withheld number cannot be looked up
      if (!callerNumber) return { exit: 'on_not_found', target: node.onNotFound };
      const seq = startWaiting(run, 'caller_lookup');
      emit(run, { type: 'lookup_caller', nodeId: node.id, seq, callerNumber });
      return null;
    }
    case 'ticket_status': {
      const ticketNumber = variables[node.numberVariable];
      if (!ticketNumber) return { exit: 'on_not_found', target: node.onNotFound };
      const seq = startWaiting(run, 'ticket_status');
      emit(run, { type: 'lookup_ticket_status', nodeId: node.id, seq, ticketNumber });
      return null;
    }
    default:
      handOver(run, node);
      return null;
  }
}

/** Terminal nodes: the call leaves the IVR for a queue, a mailbox, a number, or ends. */
function handOver(run: Run, node: Extract<IvrNode, { kind: 'enqueue' | 'voicemail' | 'callback_request' | 'transfer' | 'hangup' }>): void {
  const { variables } = run.state;
  say(run, node.id, node.prompt);
  switch (node.kind) {
    case 'enqueue':
      emit(run, { type: 'enqueue', nodeId: node.id, queueId: node.queueId, priority: queuePriority(node.priority, variables[IVR_PRIORITY_VARIABLE]) });
      return finish(run, 'enqueued', false);
    case 'voicemail':
      emit(run, { type: 'voicemail', nodeId: node.id, mailboxId: node.mailboxId ?? null, maxSeconds: node.maxSeconds });
      return finish(run, 'voicemail', false);
    case 'callback_request': {
      const number = (node.numberVariable ? variables[node.numberVariable] : undefined) || variables[IVR_VARIABLES.callerNumber] || null;
      emit(run, { type: 'callback_request', nodeId: node.id, number, queueId: node.queueId ?? null });
      // the request is recorded; the caller has nothing more to wait for
      return finish(run, 'callback_requested', true);
    }
    case 'transfer':
      emit(run, { type: 'transfer', nodeId: node.id, target: node.target });
      return finish(run, 'transferred', false);
    case 'hangup':
      return finish(run, 'hangup', true);
  }
}

function askForInput(run: Run, node: InputNode): void {
  say(run, node.id, node.prompt);
  const seq = startWaiting(run, 'input');
  const limits =
    node.kind === 'menu'
      ? { minDigits: 1, maxDigits: 1, terminator: null }
      : { minDigits: node.minDigits, maxDigits: node.maxDigits, terminator: node.terminator };
  emit(run, { type: 'collect_digits', nodeId: node.id, seq, ...limits, timeoutSeconds: node.timeoutSeconds });
}

/** The node's priority, raised (never lowered) by the caller's priority from the lookup. */
function queuePriority(nodePriority: number, callerPriority: string | undefined): number {
  const fromCaller = Number.parseInt(callerPriority ?? '', 10);
  const raised = Number.isFinite(fromCaller) ? Math.max(nodePriority, fromCaller) : nodePriority;
  return Math.min(IVR_PRIORITY_MAX, Math.max(IVR_PRIORITY_MIN, raised));
}
