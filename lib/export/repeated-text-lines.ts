/**
 * The stand-in rows carry where the repeated text belongs. PostgreSQL text cannot hold U+0000, so no
 * stored trace, question or analysis can contain it.
 */
const STAND_IN = "\u0000gts:repeated-text\u0000";
const STAND_IN_JSON = JSON.stringify(STAND_IN);

/**
 * JSON lines for rows that all repeat one long text, the guard's system prompt (about 4.6 KB, half of a
 * row): the layout builds its rows with `standIn(text)` in the text's place, and `line` splices the text's
 * JSON, escaped once, over the stand-in's. Escaping the prompt anew in every row took about half of
 * `JSON.stringify`'s time (measured). Only the first stand-in of a line is replaced: each row holds one.
 */
export function repeatedTextLines() {
  let repeatedJson: string | null = null;
  return {
    standIn(text: string): string {
      repeatedJson = JSON.stringify(text);
      return STAND_IN;
    },
    line(row: unknown): string {
      const text = JSON.stringify(row);
      const at = repeatedJson === null ? -1 : text.indexOf(STAND_IN_JSON);
      return at < 0 ? text : `${text.slice(0, at)}${repeatedJson}${text.slice(at + STAND_IN_JSON.length)}`;
    },
  };
}
