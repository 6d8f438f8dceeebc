export { fieldOf, fieldReason } from '../../plugin/app/field-reasons.ts';
