export { collectExternalRequests, collectCspViolations } from './network';
export { installFailingWrites, overwriteStored, setWritesFail } from './storage';
