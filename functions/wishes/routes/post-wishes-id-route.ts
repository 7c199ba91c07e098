import { actionRoute } from '../action-route';

export const handler = actionRoute('route');
