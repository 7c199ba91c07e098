import * as z from 'zod';
import { Id } from './common';
import { DevUser, Me } from './users';

export const WechatLoginBody = z.strictObject({ code: z.string().min(1).max(128) });
export type WechatLoginBody = z.infer<typeof WechatLoginBody>;

export const DevLoginBody = z.strictObject({ userId: Id });
export type DevLoginBody = z.infer<typeof DevLoginBody>;

export const Session = z.object({ token: z.string(), expiresAt: z.string(), user: Me });
export type Session = z.infer<typeof Session>;

export const DevUserList = z.object({ items: z.array(DevUser) });
export type DevUserList = z.infer<typeof DevUserList>;
