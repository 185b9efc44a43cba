// Pages (sign-in, registration, password reset, coming soon) are reached only through lazy loaders
// (authPageRoutes, loadComingSoonPage) so they stay out of the apps' initial bundles.
// Shared Angular pieces of the three Focus Racer apps: session, guards, interceptors, shell and common pages.
export * from './lib/config/app-config';
export * from './lib/config/provide-focus-racer-ui';
export * from './lib/auth/auth.service';
export * from './lib/auth/auth.interceptor';
export * from './lib/auth/auth.guards';
export * from './lib/auth/auth-page-routes';
export * from './lib/auth/safe-return-url';
export * from './lib/auth/session-probe';
export * from './lib/auth/token-store';
export * from './lib/errors/api-error-message';
export * from './lib/errors/error-notifier';
export * from './lib/errors/error.interceptor';
export * from './lib/shell/nav-item';
export * from './lib/shell/shell.component';
export * from './lib/page-header/page-header.component';
export * from './lib/empty-state/empty-state.component';
export * from './lib/coming-soon/load-coming-soon-page';
export * from './lib/iso-date';
export * from './lib/sport-icon';
export * from './lib/money/money';
