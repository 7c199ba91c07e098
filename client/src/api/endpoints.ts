import type { DevUserList, Session } from '@shared/schemas/auth';
import type { CategoryList, PlaceTree } from '@shared/schemas/places';
import type { TeamPage } from '@shared/schemas/teams';
import type { Me, ResidentPage } from '@shared/schemas/users';
import type { ActionBody, WallPage, WishAction, WishCreateBody, WishDetail, WishPage } from '@shared/schemas/wishes';
import { request } from './request';

/** Typed calls of the API; every shape is the shared zod schema's type, never retyped here. */
export const api = {
  devUsers: () => request<DevUserList>('GET', '/auth/dev-users'),
  devLogin: (userId: string) => request<Session>('POST', '/auth/dev-login', { body: { userId } }),
  wechatLogin: (code: string) => request<Session>('POST', '/auth/wechat', { body: { code } }),
  me: () => request<Me>('GET', '/me'),
  categories: () => request<CategoryList>('GET', '/categories'),
  places: () => request<PlaceTree>('GET', '/places'),
  teams: () => request<TeamPage>('GET', '/teams'),
  residents: (cursor?: string) => request<ResidentPage>('GET', '/residents', { query: { cursor } }),
  myWishes: (cursor?: string) => request<WishPage>('GET', '/wishes', { query: { scope: 'mine', cursor } }),
  wish: (id: string) => request<WishDetail>('GET', `/wishes/${encodeURIComponent(id)}`),
  submitWish: (body: WishCreateBody, idempotencyKey: string) => request<WishDetail>('POST', '/wishes', { body, idempotencyKey }),
  tasks: (view: 'open' | 'mine', cursor?: string) => request<WishPage>('GET', '/tasks', { query: { view, cursor } }),
  wall: () => request<WallPage>('GET', '/wall'),
  triage: (cursor?: string) => request<WishPage>('GET', '/triage', { query: { cursor } }),
  act: <A extends WishAction>(id: string, action: A, body: ActionBody<A>) =>
    request<WishDetail>('POST', `/wishes/${encodeURIComponent(id)}/${action}`, { body }),
};
