/**
 * Every fix the structured-output pipeline can apply, by name. A successful parse
 * lists the ones it used, so the call log can count how often each model needs
 * which repair (and a spike in one is visible before users complain).
 */
export const repairNames = [
  // extract: where the JSON object sits in the reply
  "removed_code_fence",
  "removed_leading_prose",
  "removed_trailing_prose",
  "picked_first_of_many",
  // repair: JSON syntax (jsonrepair), named by what the input showed
  "closed_truncated_json",
  "removed_trailing_commas",
  "replaced_single_quotes",
  "replaced_smart_quotes",
  "quoted_unquoted_keys",
  "removed_comments",
  "replaced_python_literals",
  "escaped_control_characters",
  "fixed_json_syntax",
  // validate: coercions each schema field declares by its type
  "coerced_number_from_string",
  "wrapped_string_in_array",
  "dropped_extra_keys",
] as const;

export type RepairName = (typeof repairNames)[number];
