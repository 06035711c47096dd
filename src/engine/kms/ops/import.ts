// Imported key material: GetParametersForImport, ImportKeyMaterial, DeleteImportedKeyMaterial, for keys created with
// Origin EXTERNAL (they wait in PendingImport until material arrives). Sources: the API reference for the three
// operations (botocore's KMS model: members, limits, errors), and AWS's recorded answers in LocalStack's
// test_kms.snapshot.json (test_import_key_symmetric, test_get_parameters_for_import, test_import_key_material_raises_
// if_there_is_already_key_material_pending, test_rotate_key_on_demand_raises_for_no_pending_key_material).
//
// - GetParametersForImport returns an RSA wrapping public key of WrappingKeySpec and an import token, "valid for 24
//   hours"; only keys whose Origin is EXTERNAL (recorded: "<key ARN> origin is AWS_KMS which is not valid for this
//   operation.").
// - ImportKeyMaterial unwraps with the algorithm chosen then: RSAES_OAEP_SHA_1/256 (the material itself), or
//   RSA_AES_KEY_WRAP_SHA_1/256 (an AES-256 key under RSA-OAEP, then the material under AES key wrap with padding,
//   RFC 5649). ExpirationModel defaults to KEY_MATERIAL_EXPIRES, which needs ValidTo (recorded: "A validTo date must
//   be set if the ExpirationModel is KEY_MATERIAL_EXPIRES"); ValidTo is at most 365 days ahead. Symmetric keys take
//   new material for RotateKeyOnDemand (ImportType NEW_KEY_MATERIAL; one pending at a time, recorded), and every
//   reimport must be material the key already had (IncorrectKeyMaterialException).
// - DeleteImportedKeyMaterial puts the key back in PendingImport (unless it is pending deletion).
import crypto from 'node:crypto';
import { AwsError } from '../../types.js';
import type { Keystore, Operation } from '../keystore.js';
import { DAY, addVersion, deleteImportedMaterial, type Ctx, type KeyRecord, type Output } from '../model.js';
import { CURVES, HMAC_KEY_BYTES, RSA_BITS, keyKind, type KeySpec } from '../specs.js';
import { Input, validation } from '../wire.js';

const WRAPPING_ALGORITHMS = ['RSAES_PKCS1_V1_5', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'RSA_AES_KEY_WRAP_SHA_1', 'RSA_AES_KEY_WRAP_SHA_256', 'SM2PKE'] as const;
type WrappingAlgorithm = (typeof WRAPPING_ALGORITHMS)[number];
const WRAPPING_KEY_SPECS = ['RSA_2048', 'RSA_3072', 'RSA_4096', 'SM2'] as const;
/** "Each public key and import token set is valid for 24 hours." */
const TOKEN_LIFETIME = DAY;
/** ValidTo: "The maximum value is 365 days from the request date." */
const MAX_VALID_TO = 365 * DAY;
/** RFC 5649's alternative initial value, which node:crypto's id-aes256-wrap-pad takes as its IV. */
const KWP_IV = Buffer.from('a65959a6', 'hex');

interface ImportParameters { keyArn: string; privateKey: crypto.KeyObject; algorithm: WrappingAlgorithm; validTo: number }

/** Import tokens the engine issued, per Keystore (a token is opaque: random bytes that name these parameters). */
const issued = new WeakMap<Keystore, Map<string, ImportParameters>>();

function tokensOf(ks: Keystore): Map<string, ImportParameters> {
  let m = issued.get(ks);
  if (!m) issued.set(ks, (m = new Map()));
  return m;
}

export const importOperations: Record<string, Operation> = {
  GetParametersForImport: getParametersForImport,
  ImportKeyMaterial: importKeyMaterial,
  DeleteImportedKeyMaterial: deleteImportedKeyMaterial,
};

/** Recorded wording for an operation the key's origin does not allow. */
const originNotValid = (key: KeyRecord) =>
  new AwsError('UnsupportedOperationException', `${key.arn} origin is ${key.origin} which is not valid for this operation.`);

function externalKey(ks: Keystore, keyId: string, ctx: Ctx): KeyRecord {
  const key = ks.resolve(keyId, ctx, { aliases: false });
  ks.authorize(key, 'owner-only', ctx);
  if (key.origin !== 'EXTERNAL') throw originNotValid(key);
  ks.requireNotPendingDeletion(key);
  return key;
}

function getParametersForImport(ks: Keystore, input: Input, ctx: Ctx): Output {
  const keyId = ks.keyIdMember(input);
  const algorithm = input.enumValue('WrappingAlgorithm', WRAPPING_ALGORITHMS, true);
  const spec = input.enumValue('WrappingKeySpec', WRAPPING_KEY_SPECS, true);
  const key = externalKey(ks, keyId, ctx);
  // "As of October 10, 2023, KMS does not support the RSAES_PKCS1_V1_5 wrapping algorithm"; SM2 is for China
  // Regions only. AWS's wording for either refusal is not recorded.
  if (algorithm === 'RSAES_PKCS1_V1_5') throw validation('The RSAES_PKCS1_V1_5 wrapping algorithm is no longer supported.');
  if (algorithm === 'SM2PKE' || spec === 'SM2') throw new AwsError('UnsupportedOperationException', 'SM2 wrapping is available in China Regions only.');
  const pair = crypto.generateKeyPairSync('rsa', { modulusLength: RSA_BITS[spec as KeySpec] ?? 2048 });
  const token = crypto.randomBytes(64).toString('base64');
  const validTo = ks.clock() + TOKEN_LIFETIME;
  tokensOf(ks).set(token, { keyArn: key.arn, privateKey: pair.privateKey, algorithm, validTo });
  return {
    KeyId: key.arn, ImportToken: token, PublicKey: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    ParametersValidTo: validTo / 1000,
  };
}

/** Opens EncryptedKeyMaterial with the token's private key; a blob that does not open is InvalidCiphertextException. */
function unwrap(p: ImportParameters, wrapped: Buffer): Buffer {
  const sha = p.algorithm.endsWith('SHA_1') ? 'sha1' : 'sha256';
  const oaep = (b: Buffer) => crypto.privateDecrypt({ key: p.privateKey, padding: crypto.constants.RSA_PKCS1_OAEP_PADDING, oaepHash: sha }, b);
  try {
    if (p.algorithm.startsWith('RSAES_OAEP')) return oaep(wrapped);
    const rsaBytes = (p.privateKey.asymmetricKeyDetails?.modulusLength ?? 0) / 8;
    const aesKey = oaep(wrapped.subarray(0, rsaBytes));
    const decipher = crypto.createDecipheriv('id-aes256-wrap-pad', aesKey, KWP_IV);
    const material = Buffer.concat([decipher.update(wrapped.subarray(rsaBytes)), decipher.final()]);
    aesKey.fill(0);
    return material;
  } catch {
    throw new AwsError('InvalidCiphertextException', '');
  }
}

const incorrectMaterial = (why: string) => new AwsError('IncorrectKeyMaterialException', why);

/** The material's ID: "based on the KMS key ID and the imported key material" (API_ImportKeyMaterial, KeyMaterialId). */
const materialId = (key: KeyRecord, material: Buffer) =>
  crypto.createHash('sha256').update(key.keyId).update(material).digest('hex');

function importKeyMaterial(ks: Keystore, input: Input, ctx: Ctx): Output {
  const keyId = ks.keyIdMember(input);
  const token = input.blob('ImportToken', { required: true, max: 6144 });
  const wrapped = input.blob('EncryptedKeyMaterial', { required: true, max: 6144 });
  const validTo = input.timestamp('ValidTo');
  const model = input.enumValue('ExpirationModel', ['KEY_MATERIAL_EXPIRES', 'KEY_MATERIAL_DOES_NOT_EXPIRE'] as const) ?? 'KEY_MATERIAL_EXPIRES';
  const importType = input.enumValue('ImportType', ['NEW_KEY_MATERIAL', 'EXISTING_KEY_MATERIAL'] as const);
  input.string('KeyMaterialDescription', { min: 0, max: 256, pattern: /^[a-zA-Z0-9:/_\s.-]+$/ });
  const givenId = input.string('KeyMaterialId', { min: 64, max: 64, pattern: /^[a-f0-9]+$/ });
  if (model === 'KEY_MATERIAL_EXPIRES' && validTo === undefined) throw validation('A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES');
  if (model === 'KEY_MATERIAL_DOES_NOT_EXPIRE' && validTo !== undefined) throw validation('ValidTo must not be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE.');
  const now = ks.clock();
  if (validTo !== undefined && (validTo <= now || validTo > now + MAX_VALID_TO)) {
    throw validation('ValidTo must be a future date and time no more than 365 days from the request date.');
  }
  const key = externalKey(ks, keyId, ctx);
  // "Its Origin must be EXTERNAL and its KeyState must be PendingImport or Enabled."
  if (key.state === 'Disabled') throw new AwsError('KMSInvalidStateException', `${key.arn} is disabled.`);
  const params = tokensOf(ks).get(token.toString('base64'));
  if (!params || params.keyArn !== key.arn) throw new AwsError('InvalidImportTokenException', 'The import token is not valid for this KMS key.');
  if (now >= params.validTo) throw new AwsError('ExpiredImportTokenException', 'The import token has expired. Call GetParametersForImport for a new one.');
  const material = unwrap(params, wrapped);
  const id = materialId(key, material);
  if (givenId !== undefined && givenId !== id) throw incorrectMaterial(`The key material does not have the ID ${givenId}.`);
  if (keyKind(key.spec) === 'SYMMETRIC') importSymmetric(key, material, id, importType);
  else importAsymmetricOrHmac(key, material, id);
  key.expiration = { model, validTo };
  if (key.state === 'PendingImport') key.state = 'Enabled';
  return { KeyId: key.arn, KeyMaterialId: id };
}

/**
 * Symmetric material is 256 bits. The first import and reimports restore material the key had (ImportType defaults to
 * NEW_KEY_MATERIAL before the first import and EXISTING_KEY_MATERIAL after); NEW_KEY_MATERIAL afterwards waits for
 * RotateKeyOnDemand, one at a time (recorded KMSInvalidStateException for a second).
 */
function importSymmetric(key: KeyRecord, material: Buffer, id: string, importType: string | undefined): void {
  const m = key.material;
  if (material.length !== 32) throw incorrectMaterial('Symmetric key material must be 256 bits (32 bytes).');
  const type = importType ?? (m.ids.length === 0 ? 'NEW_KEY_MATERIAL' : 'EXISTING_KEY_MATERIAL');
  const known = m.ids.indexOf(id);
  if (type === 'EXISTING_KEY_MATERIAL') {
    if (known < 0) throw incorrectMaterial('The key material is not the key material previously imported into this KMS key.');
    m.versions[known] = material;
    return;
  }
  if (known >= 0 || m.pendingRotation?.id === id) throw incorrectMaterial('The new key material is already associated with this KMS key.');
  if (m.ids.length === 0) {
    addVersion(m, material, id);
    return;
  }
  if (m.pendingRotation) {
    throw new AwsError('KMSInvalidStateException', `New key material (id: ${id}) cannot be imported into KMS key ${key.keyId}, because another key material (id: ${m.pendingRotation.id}) is pending rotation.`);
  }
  m.pendingRotation = { material, id };
}

/**
 * Asymmetric keys take a PKCS #8 DER private key of the key's spec; HMAC keys at least as many bytes as the spec's
 * hash (recorded imports: 28, 32, 48 and 64 bytes for HMAC_224..512; an upper bound is not recorded, so none is set).
 * Their material cannot change after the first import.
 */
function importAsymmetricOrHmac(key: KeyRecord, material: Buffer, id: string): void {
  const m = key.material;
  if (m.ids.length > 0 && m.ids[0] !== id) throw incorrectMaterial('The key material is not the key material previously imported into this KMS key.');
  const kind = keyKind(key.spec);
  if (kind === 'HMAC') {
    const min = HMAC_KEY_BYTES[key.spec] ?? 32;
    if (material.length < min) throw incorrectMaterial(`${key.spec} key material must be at least ${min} bytes.`);
    m.hmacKey = material;
  } else {
    let privateKey: crypto.KeyObject;
    try {
      privateKey = crypto.createPrivateKey({ key: material, format: 'der', type: 'pkcs8' });
    } catch {
      throw incorrectMaterial('The key material is not a DER-encoded PKCS #8 private key.');
    }
    const d = privateKey.asymmetricKeyDetails;
    const fits = kind === 'RSA'
      ? privateKey.asymmetricKeyType === 'rsa' && d?.modulusLength === RSA_BITS[key.spec]
      : privateKey.asymmetricKeyType === 'ec' && d?.namedCurve === CURVES[key.spec];
    if (!fits) throw incorrectMaterial(`The key material is not a ${key.spec} private key.`);
    m.privateKey = privateKey;
    m.publicKey = crypto.createPublicKey(privateKey);
  }
  if (m.ids.length === 0) m.ids.push(id);
}

function deleteImportedKeyMaterial(ks: Keystore, input: Input, ctx: Ctx): Output {
  const keyId = ks.keyIdMember(input);
  const givenId = input.string('KeyMaterialId', { min: 64, max: 64, pattern: /^[a-f0-9]+$/ });
  const key = ks.resolve(keyId, ctx, { aliases: false });
  ks.authorize(key, 'owner-only', ctx);
  if (key.origin !== 'EXTERNAL') throw originNotValid(key);
  const ids = key.material.ids;
  const current = ids[ids.length - 1];
  if (givenId !== undefined && givenId !== current && givenId !== key.material.pendingRotation?.id) {
    throw new AwsError('NotFoundException', `Key material ${givenId} is not associated with ${key.arn}.`);
  }
  deleteImportedMaterial(key);
  const out: Output = { KeyId: key.arn };
  if (current !== undefined) out.KeyMaterialId = givenId ?? current;
  return out;
}
