/**
 * Graph algorithms over node ids, kept apart from the IVR rules so each stays small.
 * `edges` maps a node id to the ids it leads to; ids without an entry have no edges.
 */
export type Edges = ReadonlyMap<string, readonly string[]>;

/** Node ids reachable from `start` (including it), breadth first. */
export function reachableFrom(start: string, edges: Edges): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const next of edges.get(id) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return seen;
}

/**
 * The groups of nodes that lie on a cycle: strongly connected components with more than one
 * node, or one node with an edge to itself. Tarjan's algorithm, iterative so a long chain of
 * nodes cannot overflow the stack. Each group lists its ids in the order of `nodeIds`.
 */
export function cycleGroups(nodeIds: readonly string[], edges: Edges): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const groups: string[][] = [];
  let counter = 0;

  for (const root of nodeIds) {
    if (index.has(root)) continue;
    // each frame: a node and the position of the next edge to look at
    const frames: { id: string; edge: number }[] = [{ id: root, edge: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1];
      const out = edges.get(frame.id) ?? [];
      if (frame.edge < out.length) {
        const next = out[frame.edge++];
        if (!index.has(next)) {
          index.set(next, counter);
          low.set(next, counter++);
          stack.push(next);
          onStack.add(next);
          frames.push({ id: next, edge: 0 });
        } else if (onStack.has(next)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(next)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const members: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        members.push(member);
      } while (member !== frame.id);
      const selfLoop = members.length === 1 && out.includes(frame.id);
      if (members.length > 1 || selfLoop) groups.push(members);
    }
  }
  const order = new Map(nodeIds.map((id, i) => [id, i]));
  return groups
    .map((g) => g.sort((a, b) => order.get(a)! - order.get(b)!))
    .sort((a, b) => order.get(a[0])! - order.get(b[0])!);
}
