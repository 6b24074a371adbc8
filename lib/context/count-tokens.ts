import { countTokens as countO200k } from "gpt-tokenizer/encoding/o200k_base";

/**
 * Token count of a text with the o200k_base encoding (GPT-4o family). For other
 * models it is an estimate within a few percent, which is what budgets and
 * context fitting need: the provider's own usage numbers settle the bill.
 */
export function countTokens(text: string): number {
  if (text.length === 0) return 0;
  return countO200k(text);
}
