/**
 * Requests made by another site are refused before anything else: browsers say so in Sec-Fetch-Site, and
 * Origin (sent with every POST) must name this host. Only a top-level navigation to a page may come from
 * elsewhere (a link to a transcript pasted in Slack); it changes nothing.
 */
import type { Request } from 'express';

export function isCrossSite(req: Request, allowNavigation: boolean): boolean {
  const site = req.headers['sec-fetch-site'];
  const navigation = allowNavigation && req.method === 'GET' && req.headers['sec-fetch-mode'] === 'navigate';
  if (site === 'cross-site' || site === 'same-site') return !navigation;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  if (origin === 'null') return !navigation;
  try {
    return new URL(origin).host !== req.headers.host && !navigation;
  } catch {
    return true;
  }
}
