// The demo accounts that `npm run db:seed` creates (DEV ONLY), as printed by `npm start` and used by e2e.
export const DEMO_PASSWORD = 'FocusRacer-demo-2026';

const APPS = { pro: 'pro app (4200)', public: 'public app (4300)', admin: 'admin app (4400)' };
export const DEMO_ACCOUNTS = [
  ['photographer', 'pro'], ['organizer', 'pro'], ['agency', 'pro'], ['club', 'pro'], ['federation', 'pro'],
  ['admin', 'admin'], ['runner', 'public'],
].map(([role, app]) => ({ role, email: `${role}@demo.focusracer.local`, app: APPS[app] }));
