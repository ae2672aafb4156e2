/** A prompt's SHA-256, short on screen and whole for copying and for screen readers. */
export function PromptHash({ sha256 }: { sha256: string }) {
  return (
    <code className="font-mono text-[11px]" title={sha256} aria-label={`prompt SHA-256 ${sha256}`}>
      {sha256.slice(0, 12)}…
    </code>
  );
}
