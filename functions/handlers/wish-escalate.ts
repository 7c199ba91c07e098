import { actionRoute } from '../wishes/action-route';

export const handler = actionRoute('escalate');
