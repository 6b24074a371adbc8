import { describe, expect, it } from "vitest";
import { z } from "zod";
import { replySchema, type Reply } from "@/lib/features/reply";
import type { StructuredOutputErrorKind } from "./errors";
import { parseStructured } from "./parse";
import type { RepairName } from "./repair-names";
import { ticketSchema, type Ticket } from "./test-schemas";

/**
 * The malformed-output corpus: what real models send back, one category per
 * describe block. Each case gives the raw reply and either the exact value plus
 * the repairs it took, or the error kind plus a fragment of the message.
 */
type Expectation =
  | { value: unknown; repairs: RepairName[] }
  | { error: StructuredOutputErrorKind; message?: string };

type Case = {
  name: string;
  input: string;
  schema?: z.ZodType;
  finishReason?: string;
  expect: Expectation;
};

const reply: Reply = {
  answer: "Paris is the capital of France.",
  summary: "Paris.",
  tags: ["geography", "france"],
  confidence: 0.9,
};
const J = JSON.stringify(reply);
const other: Reply = { answer: "Lyon.", summary: "Lyon.", tags: [], confidence: 0.2 };
const J2 = JSON.stringify(other);

const ticket: Ticket = {
  title: "Login page times out",
  priority: "high",
  urgent: true,
  assignee: { name: "Ada", team: "auth" },
  labels: ["bug"],
  estimateHours: 3,
  dueDate: null,
};
const T = JSON.stringify(ticket);

const ok = (value: unknown, repairs: RepairName[] = []): Expectation => ({ value, repairs });
const err = (error: StructuredOutputErrorKind, message?: string): Expectation => ({ error, message });
const with_ = (patch: Partial<Record<keyof Reply, unknown>>) => JSON.stringify({ ...reply, ...patch });
const withTicket = (patch: Record<string, unknown>) => JSON.stringify({ ...ticket, ...patch });

const corpus: Record<string, Case[]> = {
  clean: [
    { name: "compact JSON", input: J, expect: ok(reply) },
    { name: "pretty-printed JSON", input: JSON.stringify(reply, null, 2), expect: ok(reply) },
    { name: "surrounding whitespace only", input: `\n\n  ${J}  \n`, expect: ok(reply) },
    { name: "keys in another order", input: '{"confidence":0.9,"tags":["geography","france"],"summary":"Paris.","answer":"Paris is the capital of France."}', expect: ok(reply) },
    { name: "boundary confidence 0 and empty tags", input: with_({ confidence: 0, tags: [] }), expect: ok({ ...reply, confidence: 0, tags: [] }) },
    { name: "boundary confidence 1", input: with_({ confidence: 1 }), expect: ok({ ...reply, confidence: 1 }) },
    { name: "ticket: nested object, enum, boolean, null", schema: ticketSchema, input: T, expect: ok(ticket) },
    { name: "URL with // inside a string is not a comment", input: with_({ answer: "See https://example.com/a//b" }), expect: ok({ ...reply, answer: "See https://example.com/a//b" }) },
  ],
  "code fences": [
    { name: "```json fence", input: "```json\n" + J + "\n```", expect: ok(reply, ["removed_code_fence"]) },
    { name: "bare ``` fence", input: "```\n" + J + "\n```", expect: ok(reply, ["removed_code_fence"]) },
    { name: "```JSON uppercase tag", input: "```JSON\n" + J + "\n```", expect: ok(reply, ["removed_code_fence"]) },
    { name: "fence on one line", input: "```json " + J + "```", expect: ok(reply, ["removed_code_fence"]) },
    { name: "fence never closed", input: "```json\n" + J, expect: ok(reply, ["removed_code_fence"]) },
    { name: "fence with prose both sides", input: "Here it is:\n```json\n" + J + "\n```\nAnything else?", expect: ok(reply, ["removed_code_fence", "removed_leading_prose", "removed_trailing_prose"]) },
    {
      name: "fenced object wins over braces in earlier prose",
      input: "The format is {answer, summary}.\n```json\n" + J + "\n```",
      expect: ok(reply, ["removed_code_fence", "removed_leading_prose"]),
    },
    {
      name: "answer containing a fenced code block with braces",
      input: "```json\n" + with_({ answer: "Use:\n```js\nfunction f() { return 1; }\n```" }) + "\n```",
      expect: ok({ ...reply, answer: "Use:\n```js\nfunction f() { return 1; }\n```" }, ["removed_code_fence"]),
    },
    { name: "unfenced reply whose answer contains ```json", input: with_({ answer: "```json\n{\"a\": 1}\n```" }), expect: ok({ ...reply, answer: "```json\n{\"a\": 1}\n```" }) },
  ],
  "leading prose": [
    { name: "Sure! Here is the JSON:", input: "Sure! Here is the JSON:\n" + J, expect: ok(reply, ["removed_leading_prose"]) },
    { name: "prose on the same line", input: "Here you go: " + J, expect: ok(reply, ["removed_leading_prose"]) },
    { name: "prose with quotes and colons", input: 'He said "ok": fine.\n\n' + J, expect: ok(reply, ["removed_leading_prose"]) },
    { name: "prose with brackets", input: "Result [1 of 1]:\n" + J, expect: ok(reply, ["removed_leading_prose"]) },
    { name: "a thinking preamble", input: "Let me think step by step. The user asks about France.\n\nFinal answer:\n" + J, expect: ok(reply, ["removed_leading_prose"]) },
  ],
  "trailing prose": [
    { name: "friendly sign-off", input: J + "\nLet me know if you need anything else.", expect: ok(reply, ["removed_trailing_prose"]) },
    { name: "note with braces in prose", input: J + "\n\nNote: confidence is {roughly} an estimate.", expect: ok(reply, ["removed_trailing_prose"]) },
    { name: "stray closing fence", input: J + "\n```", expect: ok(reply, ["removed_trailing_prose"]) },
    { name: "stray closing brace", input: J + " }", expect: ok(reply, ["removed_trailing_prose"]) },
    { name: "trailing explanation with quotes", input: J + '\nI set "confidence" high because it is well known.', expect: ok(reply, ["removed_trailing_prose"]) },
  ],
  "prose both sides": [
    { name: "intro and outro", input: "Here is my answer:\n" + J + "\nHope this helps!", expect: ok(reply, ["removed_leading_prose", "removed_trailing_prose"]) },
    { name: "inline sentence", input: "The result " + J + " is above.", expect: ok(reply, ["removed_leading_prose", "removed_trailing_prose"]) },
    { name: "prose both sides, ticket", schema: ticketSchema, input: "Ticket:\n" + T + "\n(end)", expect: ok(ticket, ["removed_leading_prose", "removed_trailing_prose"]) },
    { name: "prose both sides and a trailing comma", input: 'Answer: {"answer":"a","summary":"b","tags":[],"confidence":1,} done', expect: ok({ answer: "a", summary: "b", tags: [], confidence: 1 }, ["removed_leading_prose", "removed_trailing_prose", "removed_trailing_commas"]) },
  ],
  "multiple objects": [
    { name: "two objects back to back", input: J + J2, expect: ok(reply, ["picked_first_of_many"]) },
    { name: "two objects on separate lines", input: J + "\n" + J2, expect: ok(reply, ["picked_first_of_many"]) },
    { name: "a revised version after prose", input: J + "\n\nOr, shorter:\n" + J2, expect: ok(reply, ["picked_first_of_many"]) },
    { name: "two fenced objects", input: "```json\n" + J + "\n```\n```json\n" + J2 + "\n```", expect: ok(reply, ["removed_code_fence", "picked_first_of_many"]) },
    { name: "first object invalid: no fallback to the second", input: '{"answer":"x"}\n' + J, expect: err("schema_mismatch", "summary: required, missing") },
  ],
  "trailing commas": [
    { name: "after the last field", input: J.slice(0, -1) + ",}", expect: ok(reply, ["removed_trailing_commas"]) },
    { name: "in the tags array", input: with_({}).replace('"france"]', '"france",]'), expect: ok(reply, ["removed_trailing_commas"]) },
    { name: "in both", input: J.replace('"france"]', '"france",]').slice(0, -1) + ",}", expect: ok(reply, ["removed_trailing_commas"]) },
    { name: "pretty-printed with newline", input: JSON.stringify(reply, null, 2).replace(/\n}$/, ",\n}"), expect: ok(reply, ["removed_trailing_commas"]) },
    { name: "in a nested object (ticket)", schema: ticketSchema, input: T.replace('"team":"auth"}', '"team":"auth",}'), expect: ok(ticket, ["removed_trailing_commas"]) },
  ],
  "single quotes": [
    { name: "all single-quoted", input: "{'answer': 'Paris is the capital of France.', 'summary': 'Paris.', 'tags': ['geography', 'france'], 'confidence': 0.9}", expect: ok(reply, ["replaced_single_quotes"]) },
    { name: "single-quoted values only", input: "{\"answer\": 'Paris is the capital of France.', \"summary\": 'Paris.', \"tags\": [], \"confidence\": 0.9}", expect: ok({ ...reply, tags: [] }, ["replaced_single_quotes"]) },
    { name: "double quotes inside a single-quoted string", input: "{'answer': 'He said \"hi\"', 'summary': 's', 'tags': [], 'confidence': 1}", expect: ok({ answer: 'He said "hi"', summary: "s", tags: [], confidence: 1 }, ["replaced_single_quotes"]) },
    { name: "apostrophe inside a single-quoted string is refused, not mangled", input: "{'answer': 'it's fine', 'summary': 's', 'tags': [], 'confidence': 1}", expect: err("unparseable_json", "would change the text") },
    { name: "single-quoted ticket", schema: ticketSchema, input: "{'title': 'Login page times out', 'priority': 'high', 'urgent': true, 'assignee': {'name': 'Ada', 'team': 'auth'}, 'labels': ['bug'], 'estimateHours': 3, 'dueDate': null}", expect: ok(ticket, ["replaced_single_quotes"]) },
  ],
  "unquoted keys": [
    { name: "all keys unquoted", input: '{answer: "Paris is the capital of France.", summary: "Paris.", tags: ["geography", "france"], confidence: 0.9}', expect: ok(reply, ["quoted_unquoted_keys"]) },
    { name: "one key unquoted", input: J.replace('"confidence"', "confidence"), expect: ok(reply, ["quoted_unquoted_keys"]) },
    { name: "unquoted keys and single-quoted values", input: "{answer: 'a', summary: 'b', tags: ['c'], confidence: 1}", expect: ok({ answer: "a", summary: "b", tags: ["c"], confidence: 1 }, ["replaced_single_quotes", "quoted_unquoted_keys"]) },
    { name: "unquoted nested key (ticket)", schema: ticketSchema, input: T.replace('"name"', "name"), expect: ok(ticket, ["quoted_unquoted_keys"]) },
  ],
  comments: [
    { name: "line comment", input: '{"answer": "a", // the answer\n"summary": "b", "tags": [], "confidence": 1}', expect: ok({ answer: "a", summary: "b", tags: [], confidence: 1 }, ["removed_comments"]) },
    { name: "block comment", input: '{"answer": "a", /* short */ "summary": "b", "tags": [], "confidence": 1}', expect: ok({ answer: "a", summary: "b", tags: [], confidence: 1 }, ["removed_comments"]) },
    { name: "comment after a value in pretty JSON", input: '{\n  "answer": "a",\n  "summary": "b",\n  "tags": [],\n  "confidence": 0.5 // guess\n}', expect: ok({ answer: "a", summary: "b", tags: [], confidence: 0.5 }, ["removed_comments"]) },
    { name: "comment and trailing comma", input: '{"answer": "a", "summary": "b", "tags": [], "confidence": 1, // done\n}', expect: ok({ answer: "a", summary: "b", tags: [], confidence: 1 }, ["removed_trailing_commas", "removed_comments"]) },
  ],
  "python literals": [
    { name: "True", schema: ticketSchema, input: T.replace('"urgent":true', '"urgent":True'), expect: ok(ticket, ["replaced_python_literals"]) },
    { name: "False", schema: ticketSchema, input: T.replace('"urgent":true', '"urgent":False'), expect: ok({ ...ticket, urgent: false }, ["replaced_python_literals"]) },
    { name: "None for a nullable field", schema: ticketSchema, input: T.replace('"dueDate":null', '"dueDate":None'), expect: ok(ticket, ["replaced_python_literals"]) },
    { name: "None for a required string is a mismatch, not a default", schema: ticketSchema, input: T.replace('"title":"Login page times out"', '"title":None'), expect: err("schema_mismatch", "title: expected string, got null") },
    { name: "a Python dict repr", schema: ticketSchema, input: "{'title': 'Login page times out', 'priority': 'high', 'urgent': True, 'assignee': {'name': 'Ada', 'team': 'auth'}, 'labels': ['bug'], 'estimateHours': 3, 'dueDate': None}", expect: ok(ticket, ["replaced_single_quotes", "replaced_python_literals"]) },
  ],
  "truncated, repairable": [
    { name: "brace forgotten after a number (finish: stop)", finishReason: "stop", input: J.slice(0, -1), expect: ok(reply, ["closed_truncated_json"]) },
    { name: "cut after a trailing comma", finishReason: "length", input: J.slice(0, -1) + ",", expect: ok(reply, ["closed_truncated_json"]) },
    { name: "cut after a closed string", finishReason: "length", input: '{"answer":"a","tags":[],"confidence":1,"summary":"b"', expect: ok({ answer: "a", tags: [], confidence: 1, summary: "b" }, ["closed_truncated_json"]) },
    { name: "cut after the closed tags array", finishReason: "length", input: '{"answer":"a","summary":"b","confidence":1,"tags":["x","y"]', expect: ok({ answer: "a", summary: "b", confidence: 1, tags: ["x", "y"] }, ["closed_truncated_json"]) },
    { name: "cut inside an extra key after all fields", finishReason: "length", input: J.slice(0, -1) + ',"sourc', expect: ok(reply, ["closed_truncated_json", "dropped_extra_keys"]) },
    { name: "cut after a complete boolean (ticket)", schema: ticketSchema, finishReason: "length", input: '{"title":"t","priority":"low","assignee":{"name":"A"},"labels":[],"dueDate":null,"urgent":false', expect: ok({ title: "t", priority: "low", assignee: { name: "A" }, labels: [], dueDate: null, urgent: false }, ["closed_truncated_json"]) },
    { name: "brace forgotten inside a closed fence (finish: stop)", finishReason: "stop", input: "```json\n" + J.slice(0, -1) + "\n```", expect: ok(reply, ["removed_code_fence", "closed_truncated_json"]) },
    { name: "length limit hit in trailing prose: object complete", finishReason: "length", input: J + "\nHope this hel", expect: ok(reply, ["removed_trailing_prose"]) },
  ],
  "truncated, must fail": [
    { name: "cut inside the answer string", finishReason: "length", input: '{"answer":"Paris is the capital of', expect: err("truncated", 'output token limit: cut off inside the value of "answer"') },
    {
      name: "cut inside the last string, which would still validate",
      finishReason: "length",
      input: '{"answer":"Paris is the capital of France.","tags":["geo"],"confidence":0.9,"summary":"Paris is the cap',
      expect: err("truncated", 'inside the value of "summary"'),
    },
    {
      name: "cut inside the last string after punctuation",
      finishReason: "length",
      input: '{"answer":"Paris.","tags":[],"confidence":0.9,"summary":"Paris, the capital, ',
      expect: err("truncated", 'inside the value of "summary", ending'),
    },
    { name: "cut inside the tags array", finishReason: "length", input: '{"answer":"a","summary":"b","confidence":0.9,"tags":["geography","fr', expect: err("truncated", 'inside the value of "tags"') },
    { name: "cut after a tag but before ]", finishReason: "length", input: '{"answer":"a","summary":"b","confidence":0.9,"tags":["geography"', expect: err("truncated", 'inside the value of "tags"') },
    { name: "cut inside a number (0.8 of 0.85?)", finishReason: "length", input: '{"answer":"a","summary":"b","tags":[],"confidence":0.8', expect: err("truncated", 'inside the value of "confidence"') },
    { name: "brace missing after a number, finish reason unknown", input: J.slice(0, -1), expect: err("truncated", 'the JSON object is not closed: cut off inside the value of "confidence"') },
    { name: "cut after a key's colon", finishReason: "length", input: '{"answer":"a","summary":"b","tags":[],"confidence":', expect: err("truncated", "confidence: expected number, got null") },
    { name: "cut before required fields", finishReason: "length", input: '{"answer":"a",', expect: err("truncated", "summary: required, missing") },
    { name: "cut right after the opening brace", finishReason: "length", input: "```json\n{", expect: err("truncated", "answer: required, missing") },
    { name: "unclosed string without length finish", finishReason: "stop", input: '{"answer":"Paris is', expect: err("truncated", "the JSON object is not closed") },
    { name: "cut inside a nested object (ticket)", schema: ticketSchema, finishReason: "length", input: '{"title":"t","priority":"low","urgent":true,"labels":[],"dueDate":null,"assignee":{"name":"Ad', expect: err("truncated", 'inside the value of "assignee"') },
    { name: "cut inside a partial literal", schema: ticketSchema, finishReason: "length", input: '{"title":"t","priority":"low","assignee":{"name":"A"},"labels":[],"dueDate":null,"urgent":tr', expect: err("truncated", 'inside the value of "urgent"') },
  ],
  "wrong types, coercible": [
    { name: "confidence as a numeric string", input: with_({ confidence: "0.8" }), expect: ok({ ...reply, confidence: 0.8 }, ["coerced_number_from_string"]) },
    { name: "confidence with spaces", input: with_({ confidence: " 1 " }), expect: ok({ ...reply, confidence: 1 }, ["coerced_number_from_string"]) },
    { name: "confidence in exponent form", input: with_({ confidence: "1e-1" }), expect: ok({ ...reply, confidence: 0.1 }, ["coerced_number_from_string"]) },
    { name: "a single tag as a string", input: with_({ tags: "geography" }), expect: ok({ ...reply, tags: ["geography"] }, ["wrapped_string_in_array"]) },
    { name: "both coercions", input: with_({ tags: "geography", confidence: "0.5" }), expect: ok({ ...reply, tags: ["geography"], confidence: 0.5 }, ["wrapped_string_in_array", "coerced_number_from_string"]) },
    { name: "optional integer as a string (ticket)", schema: ticketSchema, input: withTicket({ estimateHours: "3" }), expect: ok(ticket, ["coerced_number_from_string"]) },
    { name: "a single label as a string (ticket)", schema: ticketSchema, input: withTicket({ labels: "bug" }), expect: ok(ticket, ["wrapped_string_in_array"]) },
  ],
  "wrong types, not coercible": [
    { name: "confidence as a word", input: with_({ confidence: "high" }), expect: err("schema_mismatch", 'confidence: expected number, got string "high"') },
    { name: "confidence as a percentage", input: with_({ confidence: "80%" }), expect: err("schema_mismatch", 'confidence: expected number, got string "80%"') },
    { name: "confidence as an empty string is not 0", input: with_({ confidence: "" }), expect: err("schema_mismatch", 'confidence: expected number, got string ""') },
    { name: "numeric string out of range after coercion", input: with_({ confidence: "1.5" }), expect: err("schema_mismatch", "confidence: too big, at most 1 (got 1.5)") },
    { name: "answer as a number is not stringified", input: with_({ answer: 42 }), expect: err("schema_mismatch", "answer: expected string, got number 42") },
    { name: "tags as numbers", input: with_({ tags: [1, 2] }), expect: err("schema_mismatch", "tags.0: expected string, got number 1") },
    { name: "tags as an object", input: with_({ tags: { a: 1 } }), expect: err("schema_mismatch", "tags: expected array, got object") },
    { name: "boolean confidence", input: with_({ confidence: true }), expect: err("schema_mismatch", "confidence: expected number, got boolean true") },
    { name: "enum value outside the set (ticket)", schema: ticketSchema, input: withTicket({ priority: "urgent" }), expect: err("schema_mismatch", 'priority: expected one of "low" | "medium" | "high", got string "urgent"') },
    { name: "boolean as a string is not coerced (ticket)", schema: ticketSchema, input: withTicket({ urgent: "yes" }), expect: err("schema_mismatch", 'urgent: expected boolean, got string "yes"') },
    { name: "fractional hours for an integer (ticket)", schema: ticketSchema, input: withTicket({ estimateHours: "1.5" }), expect: err("schema_mismatch", "estimateHours: expected int, got number 1.5") },
  ],
  "missing field": [
    { name: "no confidence", input: JSON.stringify({ answer: "a", summary: "b", tags: [] }), expect: err("schema_mismatch", "confidence: required, missing") },
    { name: "no summary", input: JSON.stringify({ answer: "a", tags: [], confidence: 1 }), expect: err("schema_mismatch", "summary: required, missing") },
    { name: "empty object lists every missing field", input: "{}", expect: err("schema_mismatch", "answer: required, missing; summary: required, missing; tags: required, missing; confidence: required, missing") },
    { name: "missing nested field (ticket)", schema: ticketSchema, input: withTicket({ assignee: { team: "auth" } }), expect: err("schema_mismatch", "assignee.name: required, missing") },
    { name: "missing optional field is fine (ticket)", schema: ticketSchema, input: withTicket({ estimateHours: undefined }), expect: ok({ ...ticket, estimateHours: undefined }) },
  ],
  "extra keys": [
    { name: "extra top-level key", input: with_({ sources: ["wikipedia"] } as Partial<Reply>), expect: ok(reply, ["dropped_extra_keys"]) },
    { name: "extra key with an object value", input: J.slice(0, -1) + ',"meta":{"model":"x"}}', expect: ok(reply, ["dropped_extra_keys"]) },
    { name: "extra nested key (ticket)", schema: ticketSchema, input: withTicket({ assignee: { name: "Ada", team: "auth", email: "a@b.c" } }), expect: ok(ticket, ["dropped_extra_keys"]) },
    { name: "strict schema rejects instead", schema: z.strictObject({ a: z.number() }), input: '{"a":1,"b":2}', expect: err("schema_mismatch", 'unexpected key(s) "b"') },
  ],
  "over-long field": [
    { name: "summary of 214 characters is an error, not cut", input: with_({ summary: "s".repeat(214) }), expect: err("schema_mismatch", "summary: too long, at most 200 character(s) (got 214)") },
    { name: "summary of exactly 200 characters", input: with_({ summary: "s".repeat(200) }), expect: ok({ ...reply, summary: "s".repeat(200) }) },
    { name: "six tags", input: with_({ tags: ["a", "b", "c", "d", "e", "f"] }), expect: err("schema_mismatch", "tags: too many items, at most 5 (got 6)") },
    { name: "one tag of 41 characters", input: with_({ tags: ["t".repeat(41)] }), expect: err("schema_mismatch", "tags.0: too long, at most 40 character(s) (got 41)") },
    { name: "confidence above 1 is not clamped", input: with_({ confidence: 1.01 }), expect: err("schema_mismatch", "confidence: too big, at most 1 (got 1.01)") },
    { name: "confidence below 0 is not clamped", input: with_({ confidence: -0.1 }), expect: err("schema_mismatch", "confidence: too small, at least 0 (got -0.1)") },
    { name: "empty answer", input: with_({ answer: "" }), expect: err("schema_mismatch", "answer: too short, at least 1 character(s) (got 0)") },
    { name: "title over 80 (ticket)", schema: ticketSchema, input: withTicket({ title: "x".repeat(81) }), expect: err("schema_mismatch", "title: too long, at most 80 character(s) (got 81)") },
  ],
  "non-JSON": [
    { name: "plain prose", input: "I don't know the answer to that.", expect: err("no_json", 'no JSON object found in the reply, which starts "I don\'t know') },
    { name: "a refusal", input: "I'm sorry, but I can't help with that request.", expect: err("no_json", "I'm sorry") },
    { name: "a Markdown list", input: "- Paris\n- France\n- Capital", expect: err("no_json") },
    { name: "HTML", input: "<p>Paris is the capital.</p>", expect: err("no_json") },
    { name: "a long reply is quoted to 80 characters", input: "x".repeat(500), expect: err("no_json", `"${"x".repeat(80)}"…`) },
    { name: "a control character in a string", input: '{"answer":"a\u0001b","summary":"s","tags":[],"confidence":1}', expect: err("unparseable_json", "Invalid character") },
    { name: "unparseable braces quote the JSON", input: "{ answer = 'a'; summary = 'b'; }", expect: err("unparseable_json", "{ answer = ") },
  ],
  "null, numbers, literals": [
    { name: "null", input: "null", expect: err("no_json") },
    { name: "a number", input: "42", expect: err("no_json") },
    { name: "true", input: "true", expect: err("no_json") },
    { name: "a JSON string", input: '"Paris"', expect: err("no_json") },
  ],
  "empty or whitespace": [
    { name: "empty string", input: "", expect: err("no_json", "the reply is empty") },
    { name: "spaces", input: "   ", expect: err("no_json", "the reply is empty") },
    { name: "newlines and tabs", input: "\n\n\t\n", expect: err("no_json", "the reply is empty") },
    { name: "an empty fence", input: "```json\n```", expect: err("no_json") },
  ],
  "nested braces in strings": [
    { name: "braces in the answer", input: with_({ answer: "Use {x} and }{ freely" }), expect: ok({ ...reply, answer: "Use {x} and }{ freely" }) },
    { name: "escaped quote before a brace", input: with_({ answer: 'He wrote "}" and left' }), expect: ok({ ...reply, answer: 'He wrote "}" and left' }) },
    { name: "a JSON example inside the answer", input: with_({ answer: '{"a": {"b": [1, 2]}}' }), expect: ok({ ...reply, answer: '{"a": {"b": [1, 2]}}' }) },
    { name: "closing braces in the summary, then prose", input: with_({ summary: "}}}" }) + " trailing {", expect: ok({ ...reply, summary: "}}}" }, ["removed_trailing_prose"]) },
    { name: "escaped backslash before a closing quote", input: with_({ answer: "C:\\path\\" }) + " ok", expect: ok({ ...reply, answer: "C:\\path\\" }, ["removed_trailing_prose"]) },
  ],
  "unicode and escapes": [
    { name: "emoji, CJK and RTL", input: with_({ answer: "Paris 🇫🇷 巴黎 باريس", tags: ["🌍"] }), expect: ok({ ...reply, answer: "Paris 🇫🇷 巴黎 باريس", tags: ["🌍"] }) },
    { name: "\\u escapes", input: '{"answer":"caf\\u00e9","summary":"s","tags":[],"confidence":1}', expect: ok({ answer: "café", summary: "s", tags: [], confidence: 1 }) },
    { name: "escaped newline and tab", input: with_({ answer: "line 1\nline 2\tend" }), expect: ok({ ...reply, answer: "line 1\nline 2\tend" }) },
    { name: "a raw newline inside a string", input: '{"answer":"line 1\nline 2","summary":"s","tags":[],"confidence":1}', expect: ok({ answer: "line 1\nline 2", summary: "s", tags: [], confidence: 1 }, ["escaped_control_characters"]) },
    { name: "smart quotes as delimiters", input: "{“answer”: “it’s fine”, “summary”: “s”, “tags”: [], “confidence”: 1}", expect: ok({ answer: "it’s fine", summary: "s", tags: [], confidence: 1 }, ["replaced_smart_quotes"]) },
    { name: "escaped lone surrogate", input: '{"answer":"bad \\ud800 half","summary":"s","tags":[],"confidence":1}', expect: ok({ answer: "bad \ud800 half", summary: "s", tags: [], confidence: 1 }) },
    { name: "raw lone surrogate", input: '{"answer":"bad \ud800 half","summary":"s","tags":[],"confidence":1}', expect: ok({ answer: "bad \ud800 half", summary: "s", tags: [], confidence: 1 }) },
    { name: "byte order mark before the object", input: "\uFEFF" + J, expect: ok(reply) },
  ],
  "arrays at top level": [
    { name: "an array of numbers", input: "[1, 2, 3]", expect: err("no_json") },
    { name: "an array of strings", input: '["geography", "france"]', expect: err("no_json") },
    { name: "an empty array", input: "[]", expect: err("no_json") },
    { name: "the reply wrapped in an array", input: "[" + J + "]", expect: ok(reply, ["removed_leading_prose", "removed_trailing_prose"]) },
    { name: "an array of two replies", input: "[" + J + "," + J2 + "]", expect: ok(reply, ["removed_leading_prose", "picked_first_of_many"]) },
  ],
  "mixed failures": [
    { name: "fence, single quotes, trailing comma, numeric string", input: "```json\n{'answer': 'a', 'summary': 'b', 'tags': 'c', 'confidence': '0.7',}\n```", expect: ok({ answer: "a", summary: "b", tags: ["c"], confidence: 0.7 }, ["removed_code_fence", "removed_trailing_commas", "replaced_single_quotes", "wrapped_string_in_array", "coerced_number_from_string"]) },
    { name: "prose, unquoted keys, comment, extra key", input: "Here:\n{answer: \"a\", /* x */ summary: \"b\", tags: [], confidence: 1, extra: 2}", expect: ok({ answer: "a", summary: "b", tags: [], confidence: 1 }, ["removed_leading_prose", "quoted_unquoted_keys", "removed_comments", "dropped_extra_keys"]) },
    { name: "string concatenation is refused (would join text)", input: '{"answer": "Par" + "is", "summary": "s", "tags": [], "confidence": 1}', expect: err("unparseable_json", '"Paris"') },
    { name: "missing comma between fields", input: '{"answer": "a" "summary": "b", "tags": [], "confidence": 1}', expect: ok({ answer: "a", summary: "b", tags: [], confidence: 1 }, ["fixed_json_syntax"]) },
    { name: "unescaped quotes inside a string", input: '{"answer": "He said "hi" to me", "summary": "s", "tags": [], "confidence": 1}', expect: ok({ answer: 'He said "hi" to me', summary: "s", tags: [], confidence: 1 }, ["fixed_json_syntax"]) },
  ],
};

function run(c: Case) {
  return parseStructured(c.input, c.schema ?? replySchema, c.finishReason === undefined ? {} : { finishReason: c.finishReason });
}

describe("parseStructured corpus", () => {
  for (const [category, cases] of Object.entries(corpus)) {
    describe(category, () => {
      for (const c of cases) {
        it(c.name, () => {
          const result = run(c);
          if ("value" in c.expect) {
            if (!result.ok) expect.fail(`expected a value, got ${result.error.kind}: ${result.error.message}`);
            expect(result.value).toEqual(c.expect.value);
            expect(result.repairs).toEqual(c.expect.repairs);
          } else {
            if (result.ok) expect.fail(`expected ${c.expect.error}, got ${JSON.stringify(result.value)}`);
            expect(result.error.kind).toBe(c.expect.error);
            if (c.expect.message !== undefined) expect(result.error.message).toContain(c.expect.message);
          }
        });
      }
    });
  }

  it("has at least 80 cases over at least 12 categories", () => {
    const counts = Object.values(corpus).map((cases) => cases.length);
    expect(counts.length).toBeGreaterThanOrEqual(12);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(80);
  });
});

describe("parseStructured errors", () => {
  it("is a StructuredOutputError with the repairs applied before failing", () => {
    const result = parseStructured("Sure:\n```json\n" + with_({ confidence: "high" }) + "\n```", replySchema);
    if (result.ok) expect.fail("expected an error");
    expect(result.error).toBeInstanceOf(Error);
    expect(result.error.name).toBe("StructuredOutputError");
    expect(result.error.repairs).toEqual(["removed_code_fence", "removed_leading_prose"]);
  });

  it("keeps messages compact: many issues are capped", () => {
    const schema = z.object(Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`f${i}`, z.string()])));
    const result = parseStructured("{}", schema);
    if (result.ok) expect.fail("expected an error");
    expect(result.error.message).toContain("(4 more)");
    expect(result.error.message.split(";").length).toBe(6);
  });

  it("a truncated reply quotes where it ends", () => {
    const result = parseStructured('{"answer":"' + "word ".repeat(50), replySchema, { finishReason: "length" });
    if (result.ok) expect.fail("expected an error");
    expect(result.error.kind).toBe("truncated");
    expect(result.error.message).toMatch(/ending …".*word "$/);
    expect(result.error.message.length).toBeLessThan(160);
  });

  it("never throws on hostile inputs", () => {
    const inputs = [
      "{".repeat(100_000),
      "[".repeat(100_000) + "{",
      '{"a":' + "[".repeat(50_000),
      "{" + '"k":1,'.repeat(200_000) + "}",
      "\ud800{\udfff",
      "{\"answer\": \"" + "\\".repeat(10_001),
      "x".repeat(2_000_000),
      // Shapes that make a careless regex backtrack quadratically (a hang, not a throw).
      "\n```json" + " ".repeat(100_000),
      "{" + "a".repeat(100_000) + " ,",
      '{"answer":"a","summary":"b","tags":[],"confidence":"' + "1".repeat(100_000) + 'x"}',
      "{" + "/*".repeat(100_000),
    ];
    for (const input of inputs) {
      const result = parseStructured(input, replySchema, { finishReason: "length" });
      expect(result.ok).toBe(false);
    }
  });

  it("never throws when a schema's refinement throws", () => {
    const schema = z.object({ a: z.string() }).refine(() => {
      throw new Error("boom");
    });
    const result = parseStructured('{"a":"x"}', schema);
    if (result.ok) expect.fail("expected an error");
    expect(result.error.kind).toBe("schema_mismatch");
    expect(result.error.message).toContain("boom");
  });
});
