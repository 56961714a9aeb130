export { collectExternalRequests, collectCspViolations } from './network';
