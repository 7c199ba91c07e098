import { actionRoute } from '../wishes/action-route';

export const handler = actionRoute('merge');
