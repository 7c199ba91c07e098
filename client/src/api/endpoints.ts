import { DevUserList, Session } from '@shared/schemas/auth';
import { Notification, NotificationPage, Subscriptions, UnreadCount, type PushTemplate } from '@shared/schemas/notifications';
import { CategoryList, PlaceTree } from '@shared/schemas/places';
import { TeamPage } from '@shared/schemas/teams';
import { Me, Resident, ResidentPage, type MeUpdateBody } from '@shared/schemas/users';
import { WallPage, WishDetail, WishPage, type ActionBody, type WishAction, type WishCreateBody } from '@shared/schemas/wishes';
import { request } from './request';

/** Typed calls of the API; every answer is parsed with the shared schema of its route, never retyped here. */
export const api = {
  devUsers: () => request('GET', '/auth/dev-users', DevUserList),
  devLogin: (userId: string) => request('POST', '/auth/dev-login', Session, { body: { userId } }),
  wechatLogin: (code: string) => request('POST', '/auth/wechat', Session, { body: { code } }),
  me: () => request('GET', '/me', Me),
  updateMe: (body: MeUpdateBody) => request('PATCH', '/me', Me, { body }),
  categories: () => request('GET', '/categories', CategoryList),
  places: () => request('GET', '/places', PlaceTree),
  teams: () => request('GET', '/teams', TeamPage),
  residents: (cursor?: string) => request('GET', '/residents', ResidentPage, { query: { cursor } }),
  verifyResident: (id: string) => request('POST', `/residents/${encodeURIComponent(id)}/verify`, Resident, { body: {} }),
  myWishes: (cursor?: string) => request('GET', '/wishes', WishPage, { query: { scope: 'mine', cursor } }),
  wish: (id: string) => request('GET', `/wishes/${encodeURIComponent(id)}`, WishDetail),
  submitWish: (body: WishCreateBody, idempotencyKey: string) => request('POST', '/wishes', WishDetail, { body, idempotencyKey }),
  tasks: (view: 'open' | 'mine', cursor?: string) => request('GET', '/tasks', WishPage, { query: { view, cursor } }),
  wall: (cursor?: string) => request('GET', '/wall', WallPage, { query: { cursor } }),
  triage: (cursor?: string) => request('GET', '/triage', WishPage, { query: { cursor } }),
  notifications: (cursor?: string) => request('GET', '/notifications', NotificationPage, { query: { cursor } }),
  unreadCount: () => request('GET', '/notifications/unread-count', UnreadCount),
  readNotification: (id: string) => request('POST', `/notifications/${encodeURIComponent(id)}/read`, Notification, { body: {} }),
  readAllNotifications: () => request('POST', '/notifications/read-all', UnreadCount, { body: {} }),
  subscribe: (accepted: PushTemplate[]) => request('POST', '/me/subscriptions', Subscriptions, { body: { accepted } }),
  act: <A extends WishAction>(id: string, action: A, body: ActionBody<A>) =>
    request('POST', `/wishes/${encodeURIComponent(id)}/${action}`, WishDetail, { body }),
};
