export { applyEdits, setJson5, unsetJson5, type TextEdit } from './edit.js';
export { configChanges, jsonEqual, rewriteJson5, type KeyChange } from './rewrite.js';
