// What the encryption-context index holds: sites (where a context binds or is presented) and key occurrences.
/** Which way a context binds: written with a ciphertext, presented to open one, or both (a grant constraint). */
export type ContextSide = 'encrypt' | 'decrypt' | 'grant';
export type ContextSource = 'kms' | 's3' | 'esdk';

/** One spelling of a key, where it is written (a property key, a shorthand, a key read, or a base64 string). */
export interface KeyOccurrence {
  name: string;
  file: string;
  start: number;
  end: number;
  /** 1-based line, 0-based column (ESLint's `loc`). */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Sides of every site this key reaches (a helper's literal may serve both encrypt and decrypt sites). */
  sides: Set<ContextSide>;
  /** How to respell the key in place: a plain key is replaced, a shorthand `{ k }` becomes `{ K: k }`. */
  rename: { kind: 'key' | 'shorthand' | 'string-key'; start: number; end: number } | null;
}

export interface ContextSite {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  side: ContextSide;
  source: ContextSource;
  /** `Encrypt`, `ReEncrypt`, `CreateGrant`, `PutObject`, `encrypt` (ESDK), `messageHeader` (ESDK check). */
  operation: string;
  field: string;
  keys: KeyOccurrence[];
  /** Every key is known: no computed keys, no spread or conditional whose keys are unknown. */
  complete: boolean;
  /** The KMS key the site uses, as written (`alias/x`, `KEY_ARN`, `process.env.KEY_ID`), when known. */
  keyRef: string | null;
  /** `file#function` when the context comes from a helper function call. */
  factory: string | null;
  /** Start offset of the enclosing function (-1 at module level), and of the site: for ordering within a function. */
  scope: number;
  start: number;
}

export interface ContextIndex {
  sites: ContextSite[];
  /** Files walked for sites (after the text prefilter). */
  filesWalked: number;
}


/** Counts index builds (per Program and per repository), so tests can assert how often without timing anything. */
export const contextIndexStats = { builds: 0, filesWalked: 0 };

/** Files that may hold a context site mention one of these spellings (KMS, S3 SSEKMS..., ESDK, grant constraints). */
export const contextPrefilter = /EncryptionContext|encryptionContext/;
