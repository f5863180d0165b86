import { matches } from './context';
import { finding, type Detector } from './types';

/** URLs that carry a user and password: scheme://user:password@host. */
const URL_WITH_PASSWORD = /\b[a-z][a-z0-9+.-]{1,20}:\/\/[^\s:@/]+:[^\s@/]+@[^\s/?#]+/gi;

export const urlCredentialsDetector: Detector = {
  name: 'url-credentials',
  category: 'url_credentials',
  priority: 100,
  detect(text) {
    return [...matches(text, URL_WITH_PASSWORD)].map((m) => finding(this, m.index, m[0], 0.97));
  },
};
