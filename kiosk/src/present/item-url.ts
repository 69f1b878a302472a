/** The public web address of an item's guide (QR codes on screen and on paper). */
import type { SiteBundle } from '../bundle/schema.ts';

export function itemPublicUrl(bundle: SiteBundle, code: string): string {
  return `${bundle.county.publicItemUrl}${encodeURIComponent(code)}`;
}
