/**
 * The `complete:` operation (MCP `completion/complete`): the values a server suggests for one argument of a prompt,
 * or for one variable of a resource template, given what is typed so far. Its schema, its display name and the
 * request it sends; operation.ts wires it into the mix.
 */
import { z } from 'zod';
import type { CompleteRequest } from '../client/request.js';
import { isRecord } from '../input/path.js';
import { stringish, strict, text } from '../input/fields.js';

const EXAMPLE = 'e.g. { complete: { prompt: greeting, argument: name, value: "Al" } } or { complete: { resource: "bench://items/{id}", argument: id, value: "1" } }';

export const completeSchema = strict({
  prompt: text('a prompt name').optional(),
  resource: text('a resource template URI, like bench://items/{id}').optional(),
  argument: text('the name of the prompt argument or template variable to complete'),
  /** What is typed so far: may be empty; numbers are taken as text. */
  value: stringish().optional(),
}).superRefine(checkReference, { when: (payload) => isRecord(payload.value) });

export type RawComplete = z.output<typeof completeSchema>;

/** Exactly one of prompt and resource names what is completed. */
function checkReference(value: unknown, ctx: z.core.$RefinementCtx): void {
  if (!isRecord(value)) return;
  const hasPrompt = value.prompt !== undefined;
  const hasResource = value.resource !== undefined;
  if (hasPrompt === hasResource) {
    ctx.addIssue({
      code: 'custom',
      message: hasPrompt ? 'complete: names both a prompt and a resource; it completes one of them' : 'complete: needs prompt: or resource:',
      params: { hint: EXAMPLE },
    });
  }
}

export function completeRequest(complete: RawComplete): CompleteRequest {
  const ref = complete.prompt !== undefined
    ? { type: 'ref/prompt' as const, name: complete.prompt }
    : { type: 'ref/resource' as const, uri: complete.resource ?? '' };
  return { method: 'completion/complete', ref, argument: complete.argument, value: complete.value ?? '' };
}

/** `completion/complete greeting.name`, `completion/complete bench://items/{id}.id`; undefined when not written so. */
export function completeName(written: unknown): string | undefined {
  if (!isRecord(written)) return undefined;
  const target = typeof written.prompt === 'string' ? written.prompt : written.resource;
  if (typeof target !== 'string' || typeof written.argument !== 'string') return undefined;
  return `completion/complete ${target}.${written.argument}`;
}
