import type { IvrNodeKind, IvrTransferTarget } from '../../../shared/ivr-flow.js';

/**
 * The IVR interpreter's vocabulary: the state of one call in a flow, the events the telephony
 * side and the host feed in, and the instructions that come out. Everything is plain JSON so
 * the state can be stored between webhook calls and the instructions sent as they are.
 */

/** What the call waits for. `seq` tells a current answer from a stale one (e.g. a late timeout). */
export type IvrAwaiting = { kind: 'input' | 'caller_lookup' | 'business_hours' | 'ticket_status'; seq: number };

export type IvrEndReason =
  | 'enqueued'
  | 'voicemail'
  | 'callback_requested'
  | 'transferred'
  | 'hangup'
  | 'caller_hung_up'
  /** The flow had an unconnected exit or a missing node (it was never validated). */
  | 'flow_error'
  /** Too many nodes passed on one event: an unvalidated flow with an automatic loop. */
  | 'step_limit';

/** One node the call passed through; `exit` is how it left (`option:2`, `on_timeout`, …), null while still there. */
export type IvrPathStep = { nodeId: string; kind: IvrNodeKind; at: string; exit: string | null };

export type IvrCallState = {
  status: 'new' | 'running' | 'finished';
  /** The node the call is at (last node once finished). */
  nodeId: string | null;
  awaiting: IvrAwaiting | null;
  /** `caller.number`, `customer.tier`, collected digits, ticket status, … (all strings). */
  variables: Record<string, string>;
  /** Failed attempts (wrong key, silence, too few digits) per node during its current visit. */
  retries: Record<string, number>;
  /** Digits entered so far at a collect_digits node. */
  digits: string;
  /** Raised each time the call starts waiting. */
  seq: number;
  path: IvrPathStep[];
  /** True once the path reached its cap and later steps were left out. */
  pathTruncated: boolean;
  endReason: IvrEndReason | null;
};

/** `seq`, when given, must match the instruction being answered; otherwise the event is stale and ignored. */
export type IvrEvent =
  | { type: 'call_started'; callerNumber: string | null; calledNumber?: string | null }
  /** One or more keys in the order pressed. */
  | { type: 'dtmf'; digits: string; seq?: number }
  | { type: 'timeout'; seq?: number }
  | {
      type: 'caller_lookup_result';
      seq?: number;
      found: boolean;
      customer?: { id: string; name?: string | null; tier?: string | null };
      /** Further facts for prompts, e.g. `customer.open_tickets`. */
      variables?: Record<string, string>;
    }
  | { type: 'business_hours_result'; seq?: number; open: boolean }
  | { type: 'ticket_status_result'; seq?: number; found: boolean; status?: string; statusLabel?: string }
  | { type: 'caller_hung_up' };

export type IvrInstruction =
  | { type: 'play'; nodeId: string; text: string }
  /** Wait for keys and send them as `dtmf` events; send `timeout` after `timeoutSeconds` without a key. */
  | { type: 'collect_digits'; nodeId: string; seq: number; minDigits: number; maxDigits: number; terminator: '#' | '*' | null; timeoutSeconds: number }
  | { type: 'lookup_caller'; nodeId: string; seq: number; callerNumber: string }
  /** `at` is the moment to judge; answer with `business_hours_result`. */
  | { type: 'check_business_hours'; nodeId: string; seq: number; calendarId: string; at: string }
  | { type: 'lookup_ticket_status'; nodeId: string; seq: number; ticketNumber: string }
  | { type: 'enqueue'; nodeId: string; queueId: string; priority: number }
  | { type: 'voicemail'; nodeId: string; mailboxId: string | null; maxSeconds: number }
  | { type: 'callback_request'; nodeId: string; number: string | null; queueId: string | null }
  | { type: 'transfer'; nodeId: string; target: IvrTransferTarget }
  | { type: 'hangup'; nodeId: string | null; reason: IvrEndReason };

export type IvrStepResult = {
  state: IvrCallState;
  instructions: IvrInstruction[];
  /** The IVR path so far, for the call record. */
  path: IvrPathStep[];
  /** Set when the event did not apply and the state is unchanged. */
  ignored?: 'not_started' | 'finished' | 'unexpected' | 'stale';
};

/** Variables the interpreter fills in itself. */
export const IVR_VARIABLES = {
  callerNumber: 'caller.number',
  calledNumber: 'called.number',
  customerId: 'customer.id',
  customerName: 'customer.name',
  customerTier: 'customer.tier',
  ticketNumber: 'ticket.number',
  ticketStatus: 'ticket.status',
  ticketStatusLabel: 'ticket.status_label',
} as const;

/** The state of a call before its `call_started` event. */
export function newIvrCall(): IvrCallState {
  return {
    status: 'new',
    nodeId: null,
    awaiting: null,
    variables: {},
    retries: {},
    digits: '',
    seq: 0,
    path: [],
    pathTruncated: false,
    endReason: null,
  };
}
