/** Phone numbers in words, and the one list of a site's public phone numbers (centre page, ticker, wall). */
import type { Phone, SiteBundle } from '../bundle/schema.ts';

/** "监督举报电话：0839-1234567" */
export function phoneText(p: Phone): string {
  return `${p.label}：${p.number}`;
}

/** The public phones of a site, in the order they are shown: consultation, supervision, county hotline, county supervision. */
export function publicPhones(bundle: SiteBundle): Phone[] {
  const { site, county } = bundle;
  return [site.phones.consultation, site.phones.supervision, county.hotline, county.supervision];
}
