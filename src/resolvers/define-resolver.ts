import type { z } from 'zod';
import { AppError } from '../errors/app-error';
import { describePayloadProblem, type PayloadFields } from './payload-problems';
import type { Logger } from '../ports/ports';
import type { ResolverHandler, ResolverRequest } from './resolver-request';
import { runResolver } from './run-resolver';

interface ResolverSpec<C> {
  /** The resolver's name, for the logs. */
  name: string;
  log: Logger;
  /**
   * Who is calling and from where (Administer Jira, or the issue the host says is open). It runs before the
   * payload is read, so a caller without access learns nothing from validation messages.
   */
  check: (request: ResolverRequest) => C | Promise<C>;
}

/** A JSON object, which is what Forge's `invoke` carries. */
export type PayloadSchema = z.ZodType<unknown, Record<string, unknown>>;

/** A resolver that reads nothing from its payload, so the front ends are typed to send none. */
export function defineResolver<C, R>(spec: ResolverSpec<C>, body: (checked: C) => Promise<R>): ResolverHandler<undefined, R> {
  return (request) => runResolver(spec.name, spec.log, async () => body(await spec.check(request)));
}

/**
 * A resolver whose payload `schema` checks. What the schema accepts is what the front ends are typed to send
 * (resolver-contract.ts), so the run-time check and the compile-time one cannot drift apart. A payload that
 * does not parse is refused with `refusal` where naming the field would not help the reader (nothing in it
 * was typed by them); with `fields`, in the page's words for the field the reader typed (payload-problems.ts);
 * and otherwise with the first problem and its field.
 */
export function definePayloadResolver<C, S extends PayloadSchema, R>(
  spec: ResolverSpec<C> & { payload: S; refusal?: string; fields?: (payload: unknown) => PayloadFields },
  body: (input: z.output<S>, checked: C) => Promise<R>,
): ResolverHandler<z.input<S>, R> {
  return (request) =>
    runResolver(spec.name, spec.log, async () => {
      const checked = await spec.check(request);
      return body(parsePayload(spec.payload, request.payload, spec.refusal, spec.fields), checked);
    });
}

function parsePayload<S extends PayloadSchema>(schema: S, payload: unknown, refusal: string | undefined, fields?: (payload: unknown) => PayloadFields): z.output<S> {
  const result = schema.safeParse(payload ?? {});
  if (result.success) return result.data;
  if (refusal) throw new AppError('invalid_input', refusal);
  const issue = result.error.issues[0];
  if (issue && fields) {
    const problem = describePayloadProblem(issue, fields(payload));
    throw new AppError('invalid_input', problem.message, { detail: { field: problem.field } });
  }
  const field = issue?.path.join('.') || 'request';
  throw new AppError(
    'invalid_input',
    issue?.code === 'unrecognized_keys' ? `Unexpected field in the request: ${issue.keys.join(', ')}.` : `${field}: ${issue?.message ?? 'invalid'}`,
    {
      detail: { field },
    },
  );
}
