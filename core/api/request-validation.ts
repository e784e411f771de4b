/** Request schemas compiled once per route (ajv, JSON Schema 2020-12); failures become InvalidRequest problems. */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { ApiProblem } from './problem.ts';
import type { Schema } from './schemas.ts';

const strictAjv = new Ajv2020({ allErrors: true, allowUnionTypes: true, strict: false });
// Query and path values arrive as strings: `limit=5` is the integer 5.
const coercingAjv = new Ajv2020({ allErrors: true, allowUnionTypes: true, strict: false, coerceTypes: true, useDefaults: true });
addFormats.default(strictAjv);
addFormats.default(coercingAjv);

const message = (e: ErrorObject): string => {
  if (e.keyword === 'additionalProperties') return `unknown field ${String(e.params.additionalProperty)}`;
  return e.message ?? e.keyword;
};

export function compileValidator(schema: Schema, kind: 'body' | 'query' | 'path'): (value: unknown) => void {
  const validate: ValidateFunction = (kind === 'body' ? strictAjv : coercingAjv).compile(schema);
  return (value) => {
    if (validate(value)) return;
    const errors = (validate.errors ?? []).slice(0, 20).map((e) => {
      const pointer = e.keyword === 'additionalProperties' ? `${e.instancePath}/${String(e.params.additionalProperty)}` : e.instancePath || '/';
      return { pointer: kind === 'body' ? pointer : `${kind}:${pointer}`, message: message(e) };
    });
    throw new ApiProblem(
      'InvalidRequest',
      `The ${kind === 'body' ? 'body' : kind === 'query' ? 'query' : 'path'} does not match the operation's schema`,
      { errors },
    );
  };
}
