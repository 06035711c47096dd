// How many plaintext bytes one KMS Encrypt request accepts, by encryption algorithm.
import type { TSESLint } from '@typescript-eslint/utils';
import { evaluateString } from './constant.js';
import type { ObjectView } from './input.js';

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** SYMMETRIC_DEFAULT (and an absent EncryptionAlgorithm): API_Encrypt, "plaintext of up to 4,096 bytes". */
export const SYMMETRIC_ENCRYPT_MAX_BYTES = 4096;

/** The request field naming the algorithm (Encrypt and ReEncrypt's destination). */
export const ENCRYPTION_ALGORITHM_FIELD = 'EncryptionAlgorithm';

/**
 * Largest plaintext per asymmetric algorithm over every key spec that supports it (API_Encrypt): RSA_2048
 * 214/190, RSA_3072 342/318, RSA_4096 470/446 bytes for OAEP SHA-1/SHA-256; SM2PKE 1,024 (China Regions).
 * Without the key spec, the largest key's limit is the one that can be proven.
 */
export const asymmetricEncryptMaxBytes: Readonly<Record<string, number>> = {
  RSAES_OAEP_SHA_1: 470,
  RSAES_OAEP_SHA_256: 446,
  SM2PKE: 1024,
};

export interface EncryptLimit {
  maxBytes: number;
  /** The asymmetric algorithm that lowers the limit, when every way the request is written names one. */
  algorithm?: string;
}

/** The plaintext limit of an Encrypt request: 4,096 bytes unless it provably uses an asymmetric algorithm. */
export function encryptLimitOf(context: Context, view: ObjectView | null): EncryptLimit {
  const fallback = { maxBytes: SYMMETRIC_ENCRYPT_MAX_BYTES };
  const state = view?.field(ENCRYPTION_ALGORITHM_FIELD);
  if (!state || state.kind !== 'known' || state.options.length === 0) return fallback;
  let limit: EncryptLimit | null = null;
  for (const option of state.options) {
    if (!option.present) return fallback;
    const name = evaluateString(context, option.value);
    const bytes = name === null ? undefined : asymmetricEncryptMaxBytes[name];
    if (bytes === undefined || name === null) return fallback;
    if (!limit || bytes > limit.maxBytes) limit = { maxBytes: bytes, algorithm: name };
  }
  return limit ?? fallback;
}
