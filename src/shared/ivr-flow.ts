import { z } from 'zod';
import { CUSTOMER_TIERS } from './tickets.js';

/**
 * §7.2 an IVR flow as a document: a graph of nodes, each knowing its own exits (the ids of the
 * nodes a call goes on to). The server stores, validates and interprets it; the visual editor
 * draws it from the same schema. The schema checks shape only, so the editor can save a draft
 * with unconnected exits; graph rules (one start, no dead ends, no unbounded loops, …) are
 * checked by the server's flow validation before a version may be published.
 */

/** Keys on a telephone keypad. */
export const DTMF_KEYS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '#'] as const;
export type DtmfKey = (typeof DTMF_KEYS)[number];
export const isDtmfKey = (key: string): key is DtmfKey => (DTMF_KEYS as readonly string[]).includes(key);

export const IVR_NODE_KINDS = [
  'play',
  'menu',
  'collect_digits',
  'business_hours',
  'caller_lookup',
  'ticket_status',
  'enqueue',
  'voicemail',
  'callback_request',
  'transfer',
  'hangup',
] as const;
export type IvrNodeKind = (typeof IVR_NODE_KINDS)[number];

/** Kinds that end the IVR part of a call: they hand it on (queue, mailbox, number) or end it. */
export const IVR_TERMINAL_KINDS = ['enqueue', 'voicemail', 'callback_request', 'transfer', 'hangup'] as const satisfies readonly IvrNodeKind[];

/** Queue priority: 0 (lowest) … 9 (served first). */
export const IVR_PRIORITY_MIN = 0;
export const IVR_PRIORITY_MAX = 9;
/** The variable a caller lookup sets from the caller's tier and an enqueue node reads. */
export const IVR_PRIORITY_VARIABLE = 'queue.priority';

export const ivrNodeId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
/** A variable name such as `ticket_no` or `customer.tier`. */
export const ivrVariableName = z.string().regex(/^[a-z][a-z0-9_]{0,31}(\.[a-z][a-z0-9_]{0,31})?$/);
/** An exit: the id of the next node, or null while the editor has not connected it yet. */
const exit = ivrNodeId.nullable();
/** Text spoken to the caller (TTS); `{variable}` is replaced by the call's variable. */
const prompt = z.string().trim().min(1).max(1000);
const optionalPrompt = z.string().trim().max(1000).optional();
const timeoutSeconds = z.int().min(1).max(120);
const retries = z.int().min(0).max(5);
const priority = z.int().min(IVR_PRIORITY_MIN).max(IVR_PRIORITY_MAX);
const queueId = z.string().trim().min(1).max(64);

const nodeBase = {
  id: ivrNodeId,
  /** Where the editor draws the node. */
  position: z.strictObject({ x: z.number().finite(), y: z.number().finite() }),
  label: z.string().trim().max(100).optional(),
  /** Exactly one node of a publishable flow is the start. */
  start: z.boolean().optional(),
};

const playNode = z.strictObject({ ...nodeBase, kind: z.literal('play'), text: prompt, next: exit });

const menuOption = z.strictObject({ key: z.enum(DTMF_KEYS), next: exit, label: z.string().trim().max(100).optional() });

/**
 * Waits for one key. A wrong key or silence is a failed attempt: the prompt is repeated until
 * `retries` re-prompts are used up, then the call takes the invalid or timeout exit of the last failure.
 */
const menuNode = z.strictObject({
  ...nodeBase,
  kind: z.literal('menu'),
  prompt,
  options: z.array(menuOption).max(DTMF_KEYS.length),
  timeoutSeconds,
  retries,
  /** Said before repeating the menu after a wrong key / after silence. */
  invalidPrompt: optionalPrompt,
  timeoutPrompt: optionalPrompt,
  onInvalid: exit,
  onTimeout: exit,
});

/**
 * Collects several digits into `variable`: ends at `maxDigits`, at the terminator key, or at a
 * timeout once `minDigits` are in. Too few digits is a failed attempt; after `retries` re-prompts
 * the call takes `onTimeout`.
 */
const collectDigitsNode = z.strictObject({
  ...nodeBase,
  kind: z.literal('collect_digits'),
  prompt,
  minDigits: z.int().min(1).max(32),
  maxDigits: z.int().min(1).max(32),
  terminator: z.enum(['#', '*']).nullable(),
  variable: ivrVariableName,
  timeoutSeconds,
  retries,
  next: exit,
  onTimeout: exit,
});

const businessHoursNode = z.strictObject({
  ...nodeBase,
  kind: z.literal('business_hours'),
  calendarId: z.string().trim().min(1).max(64),
  onOpen: exit,
  onClosed: exit,
});

/**
 * Looks the caller's number up among customers; when found sets `customer.id`, `customer.name`,
 * `customer.tier` and, from `tierPriority`, the queue priority variable.
 */
const callerLookupNode = z.strictObject({
  ...nodeBase,
  kind: z.literal('caller_lookup'),
  tierPriority: z.partialRecord(z.enum(CUSTOMER_TIERS), priority).optional(),
  onFound: exit,
  onNotFound: exit,
});

/** Self-service: looks up the ticket whose number is in `numberVariable`; when found sets `ticket.number`, `ticket.status`, `ticket.status_label`. */
const ticketStatusNode = z.strictObject({
  ...nodeBase,
  kind: z.literal('ticket_status'),
  numberVariable: ivrVariableName,
  onFound: exit,
  onNotFound: exit,
});

/** Hands the call to an ACD queue; the priority is the higher of `priority` and the caller's priority variable. */
const enqueueNode = z.strictObject({ ...nodeBase, kind: z.literal('enqueue'), queueId, priority, prompt: optionalPrompt });

const voicemailNode = z.strictObject({
  ...nodeBase,
  kind: z.literal('voicemail'),
  prompt: optionalPrompt,
  mailboxId: z.string().trim().min(1).max(64).optional(),
  maxSeconds: z.int().min(10).max(600),
});

/** Records a request to be called back (on the number in `numberVariable`, else the caller's number), then ends the call. */
const callbackRequestNode = z.strictObject({
  ...nodeBase,
  kind: z.literal('callback_request'),
  prompt: optionalPrompt,
  queueId: queueId.optional(),
  numberVariable: ivrVariableName.optional(),
});

export const ivrTransferTarget = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('number'), number: z.string().trim().regex(/^\+?[0-9*#-]{3,32}$/) }),
  z.strictObject({ type: z.literal('queue'), queueId }),
]);
export type IvrTransferTarget = z.output<typeof ivrTransferTarget>;

const transferNode = z.strictObject({ ...nodeBase, kind: z.literal('transfer'), target: ivrTransferTarget, prompt: optionalPrompt });

const hangupNode = z.strictObject({ ...nodeBase, kind: z.literal('hangup'), prompt: optionalPrompt });

export const ivrNode = z.discriminatedUnion('kind', [
  playNode,
  menuNode,
  collectDigitsNode,
  businessHoursNode,
  callerLookupNode,
  ticketStatusNode,
  enqueueNode,
  voicemailNode,
  callbackRequestNode,
  transferNode,
  hangupNode,
]);
export type IvrNode = z.output<typeof ivrNode>;
export type IvrNodeOf<K extends IvrNodeKind> = Extract<IvrNode, { kind: K }>;

/** One version of a flow. A hotline number points at a published version; published versions are not edited. */
export const ivrFlow = z.strictObject({
  name: z.string().trim().min(1).max(100),
  version: z.int().min(1),
  published: z.boolean(),
  nodes: z.array(ivrNode).max(500),
});
export type IvrFlow = z.output<typeof ivrFlow>;

/** How a call leaves a node; `key` is the exit's stable name (`next`, `option:2`, `on_timeout`, …). */
export type IvrExit = {
  key: string;
  target: string | null;
  /** Taken only after the caller pressed a key (see the loop rule in flow validation). */
  callerDriven: boolean;
};

/** The exits of a node in a fixed order; terminal kinds have none. */
export function nodeExits(node: IvrNode): IvrExit[] {
  const auto = (key: string, target: string | null): IvrExit => ({ key, target, callerDriven: false });
  switch (node.kind) {
    case 'play':
      return [auto('next', node.next)];
    case 'menu':
      return [
        ...node.options.map((o) => ({ key: `option:${o.key}`, target: o.next, callerDriven: true })),
        { key: 'on_invalid', target: node.onInvalid, callerDriven: true },
        auto('on_timeout', node.onTimeout),
      ];
    case 'collect_digits':
      return [{ key: 'next', target: node.next, callerDriven: true }, auto('on_timeout', node.onTimeout)];
    case 'business_hours':
      return [auto('on_open', node.onOpen), auto('on_closed', node.onClosed)];
    case 'caller_lookup':
    case 'ticket_status':
      return [auto('on_found', node.onFound), auto('on_not_found', node.onNotFound)];
    default:
      return [];
  }
}

export function isTerminalKind(kind: IvrNodeKind): boolean {
  return (IVR_TERMINAL_KINDS as readonly IvrNodeKind[]).includes(kind);
}
