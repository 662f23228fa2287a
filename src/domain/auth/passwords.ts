// Password hashing with scrypt from node:crypto (memory-hard, vetted, no native add-on), and
// random secrets for sessions and tokens, which are stored only as SHA-256 hashes.
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ZxcvbnFactory, type ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { DomainError } from '../errors.js';

const PARAMS = { N: 16384, r: 8, p: 1, keylen: 64 };

function derive(password: string, salt: Buffer, options: ScryptOptions & { keylen: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, options.keylen, { N: options.N, r: options.r, p: options.p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p), keylen: expected.length });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export const MIN_PASSWORD_LENGTH = 12;
/** zxcvbn's scale: 3 is "safely unguessable: moderate protection from offline slow-hash attacks". */
const MIN_STRENGTH = 3;

// zxcvbn-ts: the widely used estimator (common passwords, names, words, keyboard walks, repeats,
// l33t), shipped with its dictionaries, so nothing is fetched. Built on first use (~0.4 s).
let estimator: ZxcvbnFactory | undefined;
const strengthOf = (password: string, context: string[]): ZxcvbnResult => {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return estimator.check(password, context);
};

/** Why a password is too weak to set (null: strong enough); `context` are words of the account (its email). */
function passwordProblem(password: string, context: string[]): string | null {
  if (password.trim().length < MIN_PASSWORD_LENGTH)
    return `password must be at least ${MIN_PASSWORD_LENGTH} characters, not counting spaces at its ends`;
  const result = strengthOf(password, context);
  if (result.score >= MIN_STRENGTH) return null;
  const why = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
  return `password is too easy to guess${why ? `: ${why}` : ''}`;
}

/** The hash of a new password for the account `email`, or a validation error saying why it is too weak. */
export async function hashNewPassword(password: string, email: string): Promise<string> {
  const weak = passwordProblem(password, [email, ...email.split(/[@.]/)]);
  if (weak) throw new DomainError('validation_failed', weak);
  return hashPassword(password);
}
