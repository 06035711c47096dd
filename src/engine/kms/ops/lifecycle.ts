// Key rotation (automatic and on demand) and scheduled key deletion.
import crypto from 'node:crypto';
import { AwsError } from '../../types.js';
import type { Keystore, Operation } from '../keystore.js';
import { DAY, addVersion, page, type Ctx, type KeyRecord, type Output } from '../model.js';
import { Input } from '../wire.js';

const MAX_ON_DEMAND_ROTATIONS = 25; // developer guide, "Perform on-demand key rotation": "a maximum of 25 times per KMS key"

export const lifecycleOperations: Record<string, Operation> = {
  ScheduleKeyDeletion: scheduleKeyDeletion,
  CancelKeyDeletion: cancelKeyDeletion,
  EnableKeyRotation: enableKeyRotation,
  DisableKeyRotation: disableKeyRotation,
  GetKeyRotationStatus: getKeyRotationStatus,
  RotateKeyOnDemand: rotateKeyOnDemand,
  ListKeyRotations: listKeyRotations,
};

/**
 * API_ScheduleKeyDeletion: PendingWindowInDays 7..30, default 30 ("This value is optional. If you include
 * a value, it must be between 7 and 30, inclusive."). A multi-Region primary with replicas waits in
 * PendingReplicaDeletion instead.
 */
function scheduleKeyDeletion(ks: Keystore, input: Input, ctx: Ctx): Output {
  const keyId = ks.keyIdMember(input);
  const days = input.int('PendingWindowInDays', { min: 7, max: 30 }) ?? 30;
  const key = ks.resolve(keyId, ctx, { aliases: false });
  ks.authorize(key, 'owner-only', ctx);
  ks.requireNotPendingDeletion(key);
  const hasReplicas = key.multiRegion && key.region === key.material.primaryRegion
    && [...key.material.related.values()].some((k) => k !== key && k.state !== 'PendingDeletion');
  key.state = hasReplicas ? 'PendingReplicaDeletion' : 'PendingDeletion';
  key.pendingWindowInDays = days;
  key.deletionDate = hasReplicas ? undefined : ks.clock() + days * DAY;
  const out: Record<string, unknown> = { KeyId: key.arn, KeyState: key.state, PendingWindowInDays: days };
  if (key.deletionDate !== undefined) out.DeletionDate = key.deletionDate / 1000;
  return out;
}

function cancelKeyDeletion(ks: Keystore, input: Input, ctx: Ctx): Output {
  const key = ks.resolve(ks.keyIdMember(input), ctx, { aliases: false });
  ks.authorize(key, 'owner-only', ctx);
  if (key.state !== 'PendingDeletion' && key.state !== 'PendingReplicaDeletion') {
    throw new AwsError('KMSInvalidStateException', `${key.arn} is not pending deletion (its state is ${key.state}).`);
  }
  // "the key state of the KMS key is Disabled" after CancelKeyDeletion (API reference).
  key.state = 'Disabled';
  key.deletionDate = undefined;
  key.pendingWindowInDays = undefined;
  return { KeyId: key.arn };
}

/**
 * The key of a rotation request, checked in AWS's order: resolution, authorization, key state (`state`: usable for
 * the operations that change rotation; recorded: RotateKeyOnDemand on a disabled RSA key is DisabledException), then
 * capability: symmetric keys only (recorded: UnsupportedOperationException with no message), not a replica.
 */
function rotationKey(ks: Keystore, input: Input, ctx: Ctx, state: 'usable' | 'not-pending-deletion' | 'any', replicaAllowed = false): KeyRecord {
  const key = ks.resolve(ks.keyIdMember(input), ctx, { aliases: false });
  ks.authorize(key, 'owner-only', ctx);
  if (state === 'usable') ks.requireUsable(key);
  else if (state === 'not-pending-deletion') ks.requireNotPendingDeletion(key);
  if (key.spec !== 'SYMMETRIC_DEFAULT') throw new AwsError('UnsupportedOperationException', '');
  if (!replicaAllowed && key.multiRegion && key.region !== key.material.primaryRegion) {
    throw new AwsError('UnsupportedOperationException', `${key.arn} is a multi-Region replica key; manage rotation on its primary key.`);
  }
  return key;
}

/** Recorded (RotateKeyOnDemand on an imported key, 2025-03): the wording for an operation an EXTERNAL key cannot do. */
function originNotValid(key: KeyRecord): AwsError {
  return new AwsError('UnsupportedOperationException', `${key.arn} origin is ${key.origin} which is not valid for this operation.`);
}

/** API_EnableKeyRotation: RotationPeriodInDays 90..2560, default 365; symmetric keys with KMS-made material only. */
function enableKeyRotation(ks: Keystore, input: Input, ctx: Ctx): Output {
  const period = input.int('RotationPeriodInDays', { min: 90, max: 2560 }) ?? 365;
  const key = rotationKey(ks, input, ctx, 'usable');
  if (key.origin === 'EXTERNAL') throw originNotValid(key);
  key.material.rotation.enabled = true;
  key.material.rotation.periodDays = period;
  key.material.rotation.nextRotation = ks.clock() + period * DAY;
  return {};
}

function disableKeyRotation(ks: Keystore, input: Input, ctx: Ctx): Output {
  const key = rotationKey(ks, input, ctx, 'usable');
  if (key.origin === 'EXTERNAL') throw originNotValid(key);
  key.material.rotation.enabled = false;
  key.material.rotation.nextRotation = undefined;
  return {};
}

/**
 * API_GetKeyRotationStatus. OnDemandRotationStartDate shows only while an on-demand rotation is in progress
 * (recorded: absent once it completed); here a rotation completes within its request, so it never shows.
 */
function getKeyRotationStatus(ks: Keystore, input: Input, ctx: Ctx): Output {
  const key = rotationKey(ks, input, ctx, 'not-pending-deletion', true);
  const r = key.material.rotation;
  const out: Record<string, unknown> = { KeyId: key.arn, KeyRotationEnabled: r.enabled };
  if (r.enabled) {
    out.RotationPeriodInDays = r.periodDays;
    out.NextRotationDate = (r.nextRotation ?? 0) / 1000;
  }
  return out;
}

/**
 * API_RotateKeyOnDemand: new key material; earlier versions keep decrypting. At most 25 per key (developer guide,
 * "Perform on-demand key rotation", current English page; it was 10 when LocalStack recorded the limit message).
 * A key with imported material rotates to the material imported with ImportType NEW_KEY_MATERIAL (recorded
 * KMSInvalidStateException when there is none).
 */
function rotateKeyOnDemand(ks: Keystore, input: Input, ctx: Ctx): Output {
  const key = rotationKey(ks, input, ctx, 'usable');
  const r = key.material.rotation;
  if (key.keyManager === 'AWS') throw new AwsError('UnsupportedOperationException', '');
  if (r.onDemandCount >= MAX_ON_DEMAND_ROTATIONS) {
    throw new AwsError('LimitExceededException', `The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${key.arn}`);
  }
  if (key.origin === 'EXTERNAL') {
    const pending = key.material.pendingRotation;
    if (!pending) throw new AwsError('KMSInvalidStateException', `No available key material pending rotation for the key: ${key.arn}.`);
    addVersion(key.material, pending.material, pending.id);
    key.material.pendingRotation = undefined;
  } else {
    addVersion(key.material, crypto.randomBytes(32));
  }
  r.onDemandCount++;
  r.lastOnDemand = ks.clock();
  return { KeyId: key.arn };
}

function listKeyRotations(ks: Keystore, input: Input, ctx: Ctx): Output {
  const limit = input.int('Limit', { min: 1, max: 1000 }) ?? 100;
  const marker = input.string('Marker', { max: 1024 });
  const key = rotationKey(ks, input, ctx, 'any');
  const rotations = key.material.versions.slice(1).map((_, i) => ({ KeyId: key.arn, RotationType: 'ON_DEMAND_OR_AUTOMATIC', Version: i + 1 }));
  return page(rotations, limit, marker, 'Rotations');
}
