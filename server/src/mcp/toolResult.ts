/**
 * What a tool answers: a text for the model to read and, on success, the same answer as
 * `structuredContent` (checked against the tool's output schema). A refusal or a citation that
 * does not resolve is `isError` with a message saying what to do instead.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export function answer<T extends Record<string, unknown>>(structured: T, text: string): CallToolResult {
  return { content: [{ type: 'text', text }], structuredContent: structured };
}

export function refuse(message: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: message }] };
}
