// Key specs, usages and algorithms as the KMS API model names them (kms-2014-11-01), with what each
// key spec supports. Sources: API_CreateKey ("KeySpec", "KeyUsage"), API_Sign ("SigningAlgorithm"),
// API_Encrypt (RSA plaintext limits) and the developer guide's "Asymmetric key specs" page.

export const KEY_SPECS = [
  'SYMMETRIC_DEFAULT',
  'RSA_2048', 'RSA_3072', 'RSA_4096',
  'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1',
  'HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512',
  'SM2', 'ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87', 'ECC_NIST_EDWARDS25519', 'ML_KEM_512', 'ML_KEM_768', 'ML_KEM_1024',
] as const;
export type KeySpec = (typeof KEY_SPECS)[number];

/** Specs this engine can generate; the rest are in the model but answered with UnsupportedOperationException. */
export const SUPPORTED_KEY_SPECS: readonly KeySpec[] = [
  'SYMMETRIC_DEFAULT', 'RSA_2048', 'RSA_3072', 'RSA_4096',
  'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1',
  'HMAC_224', 'HMAC_256', 'HMAC_384', 'HMAC_512',
];

export const KEY_USAGES = ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'GENERATE_VERIFY_MAC', 'KEY_AGREEMENT', 'ENCAPSULATE_DECAPSULATE'] as const;
export type KeyUsage = (typeof KEY_USAGES)[number];

export const ENCRYPTION_ALGORITHMS = ['SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE'] as const;
export type EncryptionAlgorithm = (typeof ENCRYPTION_ALGORITHMS)[number];

export const SIGNING_ALGORITHMS = [
  'RSASSA_PSS_SHA_256', 'RSASSA_PSS_SHA_384', 'RSASSA_PSS_SHA_512',
  'RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384', 'RSASSA_PKCS1_V1_5_SHA_512',
  'ECDSA_SHA_256', 'ECDSA_SHA_384', 'ECDSA_SHA_512', 'SM2DSA', 'ML_DSA_SHAKE_256', 'ED25519_SHA_512', 'ED25519_PH_SHA_512',
] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

export const MAC_ALGORITHMS = ['HMAC_SHA_224', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512'] as const;
export type MacAlgorithm = (typeof MAC_ALGORITHMS)[number];

export const MESSAGE_TYPES = ['RAW', 'DIGEST', 'EXTERNAL_MU'] as const;
export const DATA_KEY_SPECS = ['AES_256', 'AES_128'] as const;
export const DATA_KEY_PAIR_SPECS = [
  'RSA_2048', 'RSA_3072', 'RSA_4096', 'ECC_NIST_P256', 'ECC_NIST_P384', 'ECC_NIST_P521', 'ECC_SECG_P256K1', 'SM2',
  'ECC_NIST_EDWARDS25519', 'ML_KEM_512', 'ML_KEM_768', 'ML_KEM_1024',
] as const;

export const GRANT_OPERATIONS = [
  'Decrypt', 'Encrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'ReEncryptFrom', 'ReEncryptTo',
  'Sign', 'Verify', 'GetPublicKey', 'CreateGrant', 'RetireGrant', 'DescribeKey', 'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext', 'GenerateMac', 'VerifyMac', 'DeriveSharedSecret', 'Encapsulate', 'Decapsulate',
] as const;
export type GrantOperation = (typeof GRANT_OPERATIONS)[number];

/**
 * Enum value lists in the order AWS's ValidationException messages gave them (LocalStack's test_kms.snapshot.json,
 * recorded against AWS in 2023 and 2024: keySpec and keyUsage for CreateKey, macAlgorithm for GenerateMac/VerifyMac,
 * keyAgreementAlgorithm for DeriveSharedSecret). Values AWS added after the recording (KeySpec SM2, ML_DSA_*,
 * ECC_NIST_EDWARDS25519; KeyUsage KEY_AGREEMENT) are accepted, but where AWS now lists them is unrecorded, so the
 * message gives the list as recorded.
 */
export const AWS_ENUM_LISTS = {
  keySpec: ['RSA_2048', 'ECC_NIST_P384', 'ECC_NIST_P256', 'ECC_NIST_P521', 'HMAC_384', 'RSA_3072', 'ECC_SECG_P256K1', 'RSA_4096',
    'SYMMETRIC_DEFAULT', 'HMAC_256', 'HMAC_224', 'HMAC_512'],
  keyUsage: ['ENCRYPT_DECRYPT', 'SIGN_VERIFY', 'GENERATE_VERIFY_MAC'],
  macAlgorithm: ['HMAC_SHA_384', 'HMAC_SHA_256', 'HMAC_SHA_224', 'HMAC_SHA_512'],
} as const;

export type KeyKind = 'SYMMETRIC' | 'RSA' | 'ECC' | 'HMAC';

export function keyKind(spec: KeySpec): KeyKind {
  if (spec === 'SYMMETRIC_DEFAULT') return 'SYMMETRIC';
  if (spec.startsWith('RSA_')) return 'RSA';
  if (spec.startsWith('HMAC_')) return 'HMAC';
  return 'ECC';
}

/** Usages each supported spec may have (CreateKey: "KeyUsage"). The first is the default where KMS has one. */
export function allowedUsages(spec: KeySpec): readonly KeyUsage[] {
  // Specs the engine cannot generate on Node 20's node:crypto (CreateKey answers UnsupportedOperationException), with
  // the usages the SDK's KeySpec documentation gives them, so that the usage check does not answer for them first.
  if (spec.startsWith('ML_KEM_')) return ['ENCAPSULATE_DECAPSULATE'];
  if (spec.startsWith('ML_DSA_') || spec === 'ECC_NIST_EDWARDS25519') return ['SIGN_VERIFY'];
  if (spec === 'SM2') return ['SIGN_VERIFY', 'ENCRYPT_DECRYPT', 'KEY_AGREEMENT'];
  switch (keyKind(spec)) {
    case 'SYMMETRIC': return ['ENCRYPT_DECRYPT'];
    case 'RSA': return ['ENCRYPT_DECRYPT', 'SIGN_VERIFY'];
    case 'HMAC': return ['GENERATE_VERIFY_MAC'];
    // KEY_AGREEMENT: "an asymmetric NIST-standard elliptic curve (ECC) or SM2" key (API_DeriveSharedSecret), so not secp256k1.
    case 'ECC': return spec === 'ECC_SECG_P256K1' ? ['SIGN_VERIFY'] : ['SIGN_VERIFY', 'KEY_AGREEMENT'];
  }
}

export const RSA_BITS: Partial<Record<KeySpec, number>> = { RSA_2048: 2048, RSA_3072: 3072, RSA_4096: 4096 };

/** Node/OpenSSL curve names. */
export const CURVES: Partial<Record<KeySpec, string>> = {
  ECC_NIST_P256: 'prime256v1', ECC_NIST_P384: 'secp384r1', ECC_NIST_P521: 'secp521r1', ECC_SECG_P256K1: 'secp256k1',
};

export const HMAC_KEY_BYTES: Partial<Record<KeySpec, number>> = { HMAC_224: 28, HMAC_256: 32, HMAC_384: 48, HMAC_512: 64 };

export function encryptionAlgorithmsFor(spec: KeySpec, usage: KeyUsage): EncryptionAlgorithm[] | undefined {
  if (usage !== 'ENCRYPT_DECRYPT') return undefined;
  return spec === 'SYMMETRIC_DEFAULT' ? ['SYMMETRIC_DEFAULT'] : ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'];
}

export function signingAlgorithmsFor(spec: KeySpec, usage: KeyUsage): SigningAlgorithm[] | undefined {
  if (usage !== 'SIGN_VERIFY') return undefined;
  switch (spec) {
    case 'RSA_2048': case 'RSA_3072': case 'RSA_4096':
      return ['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PKCS1_V1_5_SHA_384', 'RSASSA_PKCS1_V1_5_SHA_512',
        'RSASSA_PSS_SHA_256', 'RSASSA_PSS_SHA_384', 'RSASSA_PSS_SHA_512'];
    case 'ECC_NIST_P256': case 'ECC_SECG_P256K1': return ['ECDSA_SHA_256'];
    case 'ECC_NIST_P384': return ['ECDSA_SHA_384'];
    case 'ECC_NIST_P521': return ['ECDSA_SHA_512'];
    default: return undefined;
  }
}

export function macAlgorithmsFor(spec: KeySpec): MacAlgorithm[] | undefined {
  const bits = spec.startsWith('HMAC_') ? spec.slice(5) : undefined;
  return bits ? [`HMAC_SHA_${bits}` as MacAlgorithm] : undefined;
}

/** Hash behind a signing or MAC algorithm, and its output length in bytes (DIGEST messages must have it). */
export function hashOf(algorithm: SigningAlgorithm | MacAlgorithm): { name: 'sha224' | 'sha256' | 'sha384' | 'sha512'; bytes: number } {
  const m = /(224|256|384|512)$/.exec(algorithm);
  const bits = m ? Number(m[1]) : 256;
  return { name: `sha${bits}` as 'sha256', bytes: bits / 8 };
}

/**
 * Largest plaintext RSAES_OAEP accepts: modulus bytes - 2 * hash bytes - 2 (RFC 8017 §7.1.1). Gives the
 * API_Encrypt table: 2048 = 214 / 190, 3072 = 342 / 318, 4096 = 470 / 446 bytes for SHA-1 / SHA-256.
 */
export function rsaOaepMaxPlaintext(spec: KeySpec, algorithm: EncryptionAlgorithm): number {
  const modulusBytes = (RSA_BITS[spec] ?? 0) / 8;
  const hashBytes = algorithm === 'RSAES_OAEP_SHA_1' ? 20 : 32;
  return modulusBytes - 2 * hashBytes - 2;
}
