export { collectExternalRequests, collectCspViolations } from './network';
export { installFailingWrites, setWritesFail } from './storage';
