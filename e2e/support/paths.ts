/** Folders the e2e support code works with. */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** The built app (and the demo content published into dist/content). */
export const DIST = join(REPO, 'dist');
export const DEMO_CONTENT_OUT = join(DIST, 'content');
/** The county's editable content (source of the publisher). */
export const CONTENT_SOURCE = join(REPO, 'content');
export const SCREENSHOTS = join(REPO, 'e2e', '.output', 'screenshots');
