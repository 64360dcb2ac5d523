/**
 * The host's zod (classic API), re-exported for plugins: they write their config sections with it
 * (`configSection('key', z.object({ … }))`). Core's own schema uses zod/mini (schema.ts); both are the
 * same zod core, so core validates plugin sections and its own keys in one pass.
 */
export { z } from 'zod';
