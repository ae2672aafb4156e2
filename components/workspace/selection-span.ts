/**
 * The current text selection as [start, end) offsets into the thinking, when it lies inside the given
 * container. Every run of a step's text sits in an element carrying `data-offset`, the index of its first
 * character in the thinking, and holds a single text node (a mark's screen-reader label has none), so
 * offsets map back exactly.
 */
export function selectionSpan(container: HTMLElement): [number, number] | null {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  const start = offsetOf(container, range.startContainer, range.startOffset);
  const end = offsetOf(container, range.endContainer, range.endOffset);
  if (start === null || end === null || end <= start) return null;
  return [start, end];
}

function offsetOf(container: HTMLElement, node: Node, offset: number): number | null {
  const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
  const step = element?.closest<HTMLElement>("[data-offset]");
  if (!step || !container.contains(step)) return null;
  const base = Number(step.dataset.offset);
  return node.nodeType === Node.TEXT_NODE ? base + offset : base;
}
