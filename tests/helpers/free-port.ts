export { freePort } from '../../scripts/processes';
