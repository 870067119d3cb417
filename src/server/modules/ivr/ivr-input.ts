import type { IvrNodeOf } from '../../../shared/ivr-flow.js';

/**
 * What a key or a timeout means at a node that waits for the caller (menu, collect_digits).
 * Decisions only; the interpreter applies them to the call state.
 */

export type InputNode = IvrNodeOf<'menu'> | IvrNodeOf<'collect_digits'>;

export type InputOutcome =
  /** The key was taken; keep waiting with this digits buffer. */
  | { type: 'wait'; digits: string }
  /** Input complete: leave by `exit`; `collected` goes into the node's variable. */
  | { type: 'done'; exit: string; target: string | null; collected?: string }
  /** A failed attempt with re-prompts left: say `apology` (if any), then the prompt again. */
  | { type: 'retry'; apology?: string }
  /** A failed attempt with no re-prompts left. */
  | { type: 'give_up'; exit: string; target: string | null };

/** One key pressed at `node`; `failures` are the failed attempts so far in this visit. */
export function inputKey(node: InputNode, key: string, digits: string, failures: number): InputOutcome {
  if (node.kind === 'menu') {
    const option = node.options.find((o) => o.key === key);
    if (option) return { type: 'done', exit: `option:${key}`, target: option.next };
    return failed(node, 'invalid', failures);
  }
  if (key === node.terminator) {
    return digits.length >= node.minDigits ? collected(node, digits) : failed(node, 'timeout', failures);
  }
  // a star or hash that is not the terminator is not part of a number
  if (!/^[0-9]$/.test(key)) return { type: 'wait', digits };
  const more = digits + key;
  return more.length >= node.maxDigits ? collected(node, more) : { type: 'wait', digits: more };
}

/** No key within the node's timeout. */
export function inputTimeout(node: InputNode, digits: string, failures: number): InputOutcome {
  // at a digit entry, silence after enough digits ends the entry, as a caller who forgot the terminator expects
  if (node.kind === 'collect_digits' && digits.length >= node.minDigits) return collected(node, digits);
  return failed(node, 'timeout', failures);
}

function collected(node: IvrNodeOf<'collect_digits'>, digits: string): InputOutcome {
  return { type: 'done', exit: 'next', target: node.next, collected: digits };
}

function failed(node: InputNode, why: 'invalid' | 'timeout', failures: number): InputOutcome {
  if (failures + 1 > node.retries) {
    // a digit entry has one failure exit: too few digits and silence both end there
    if (node.kind === 'collect_digits') return { type: 'give_up', exit: 'on_timeout', target: node.onTimeout };
    return why === 'invalid'
      ? { type: 'give_up', exit: 'on_invalid', target: node.onInvalid }
      : { type: 'give_up', exit: 'on_timeout', target: node.onTimeout };
  }
  if (node.kind === 'collect_digits') return { type: 'retry' };
  return { type: 'retry', apology: why === 'invalid' ? node.invalidPrompt : node.timeoutPrompt };
}
