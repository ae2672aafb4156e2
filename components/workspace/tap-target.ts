/**
 * Controls a finger can hit: at least 44 × 44 px below 900 px wide, where the workspace stacks into one
 * column for a phone or tablet, and the dense desktop size above it.
 */
export const TAP_TARGET = "min-h-[44px] min-w-[44px] min-[900px]:min-h-8 min-[900px]:min-w-8";
