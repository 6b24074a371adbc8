import { z } from "zod";

/**
 * Until accounts exist, a visitor is identified by a random id in an httpOnly
 * cookie that proxy.ts sets on the first request. The id is 122 random bits,
 * so it cannot be guessed; it is never shown in a URL or an API response.
 */
export const OWNER_COOKIE = "ballast_owner";
export const OWNER_COOKIE_MAX_AGE_S = 60 * 60 * 24 * 365;

const ownerIdSchema = z.uuid();

export function isValidOwnerId(value: string | undefined | null): value is string {
  return ownerIdSchema.safeParse(value).success;
}

export function newOwnerId(): string {
  return crypto.randomUUID();
}
