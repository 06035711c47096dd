export { KmsService, type AuditEntry, type KeyState, type KmsServiceOptions, type RequestCounts } from './service.js';
export { encodeEncryptionContext } from './blob.js';
export type { KeySpec, KeyUsage, EncryptionAlgorithm, SigningAlgorithm, MacAlgorithm, GrantOperation } from './specs.js';
