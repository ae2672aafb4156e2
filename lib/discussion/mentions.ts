/**
 * The people a comment mentions: each `@` followed by an email address (`@ana@example.org`), lowercased,
 * once each, in order. Punctuation after an address (a full stop, a comma) is not part of it.
 */
export function mentionedEmails(body: string): string[] {
  const found: string[] = [];
  for (const match of body.matchAll(/(?<![\w@.])@([\w.+-]+@[\w-]+(?:\.[\w-]+)+)/g)) {
    const email = match[1]!.toLowerCase();
    if (!found.includes(email)) found.push(email);
  }
  return found;
}
