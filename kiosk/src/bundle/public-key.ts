/**
 * The Ed25519 public key this kiosk build trusts, put in at build time by vite.config.ts from
 * env BIANMIN_PUBLIC_KEY (base64 of the raw 32 bytes) or the development key `.keys/dev.pub`.
 * Content signed with any other key is refused.
 */
declare const __BIANMIN_PUBLIC_KEY__: string;

export const PUBLIC_KEY_BASE64: string = typeof __BIANMIN_PUBLIC_KEY__ === 'string' ? __BIANMIN_PUBLIC_KEY__ : '';
