// Request validation with two rules for coercion: query strings and path parameters arrive as
// text, so "50" becomes 50 and a repeated key an array; a JSON body already has types, so a
// string where a number or boolean belongs ("30", "true") is refused rather than guessed at.
import { Ajv, type Options } from 'ajv';
import formats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

function validatorFactory(coerceTypes: Options['coerceTypes']): Ajv {
  // strict: false — TypeBox adds its own annotation keys to the schemas it builds.
  const ajv = new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: false, strict: false });
  formats.default(ajv);
  return ajv;
}

export function registerValidators(app: FastifyInstance): void {
  const text = validatorFactory('array');
  const json = validatorFactory(false);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? json : text).compile(schema));
}
