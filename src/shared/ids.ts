import { randomBytes } from 'node:crypto';

import type { z } from 'zod';

// Ids are branded with zod's brand, so a schema's `.brand<'LeadId'>()` yields exactly LeadId.
export type Brand<T, B extends string> = T & z.$brand<B>;

export type OrgId = Brand<string, 'OrgId'>;
export type UserId = Brand<string, 'UserId'>;
export type TeamId = Brand<string, 'TeamId'>;
export type AccountId = Brand<string, 'AccountId'>;
export type LeadId = Brand<string, 'LeadId'>;
export type DealId = Brand<string, 'DealId'>;
export type CampaignId = Brand<string, 'CampaignId'>;
export type TouchpointId = Brand<string, 'TouchpointId'>;
export type ActivityId = Brand<string, 'ActivityId'>;
export type ApiKeyId = Brand<string, 'ApiKeyId'>;
export type FormId = Brand<string, 'FormId'>;
export type SessionId = Brand<string, 'SessionId'>;
export type InvitationId = Brand<string, 'InvitationId'>;
export type RoutingRuleId = Brand<string, 'RoutingRuleId'>;
export type AssignmentId = Brand<string, 'AssignmentId'>;
export type SlaClockId = Brand<string, 'SlaClockId'>;
export type JobId = Brand<string, 'JobId'>;
export type NotificationId = Brand<string, 'NotificationId'>;

let lastMs = 0;
let counter = 0;

// Random bytes are drawn 4 KiB at a time: a call to the random source costs microseconds,
// and a bulk import takes several ids per row.
const RANDOM_POOL_SIZE = 4096;
let randomPool = Buffer.alloc(0);
let randomAt = 0;

function random16(): Buffer {
  if (randomAt + 16 > randomPool.length) {
    randomPool = randomBytes(RANDOM_POOL_SIZE);
    randomAt = 0;
  }
  randomAt += 16;
  return randomPool.subarray(randomAt - 16, randomAt);
}

// UUIDv7: time-ordered, so ids sort by creation and B-tree inserts stay at the right edge.
// The 12-bit counter keeps ids from one process strictly increasing within a millisecond.
export function newId<T extends string = string>(now: number = Date.now()): T {
  if (now <= lastMs) {
    counter += 1;
    if (counter > 0xfff) {
      lastMs += 1;
      counter = 0;
    }
  } else {
    lastMs = now;
    counter = 0;
  }
  const bytes = random16();
  const ms = lastMs;
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | ((counter >>> 8) & 0x0f);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` as T;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
