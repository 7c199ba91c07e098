import type { Notification, PushTemplate } from '../schemas/notifications';

/**
 * One notification to deliver, as the domain writes it: the stored `Notification` before it has an id, a
 * time and a read state. `push` asks for a WeChat subscribe message too, only for a change that needs
 * the user's action.
 */
export type Notice = Pick<Notification, 'userId' | 'kind' | 'title' | 'body' | 'link'> & { push?: PushTemplate };
