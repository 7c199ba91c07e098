import { claimRoute } from '../action-route';

export const handler = claimRoute();
