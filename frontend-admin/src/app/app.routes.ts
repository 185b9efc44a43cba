import { Route } from '@angular/router';
import { authGuard, authPageRoutes, loadComingSoonPage } from '@focus-racer/ui';

/** Only ADMIN accounts get past authGuard: the app's configuration allows no other role. */
export const appRoutes: Route[] = [
  ...authPageRoutes({
    login: { heading: 'Focus Racer Admin', subtitle: 'Administrators only' },
  }),
  {
    path: '',
    loadComponent: () => import('./admin-shell').then((m) => m.AdminShell),
    canActivate: [authGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'users' },
      {
        path: 'users',
        title: 'Users · Focus Racer Admin',
        loadComponent: () => import('./users/users-page').then((m) => m.UsersPage),
      },
      {
        path: 'events',
        title: 'Events · Focus Racer Admin',
        loadComponent: loadComingSoonPage,
        data: {
          heading: 'Events',
          icon: 'event',
          description: 'Every event on the platform, whoever owns it.',
          features: ['Search by name, owner or date', 'Publish, archive or take down an event', 'Photo counts and processing state'],
        },
      },
      {
        path: 'orders',
        title: 'Orders · Focus Racer Admin',
        loadComponent: loadComingSoonPage,
        data: {
          heading: 'Orders',
          icon: 'receipt_long',
          description: 'Payments of runners and what photographers earned from them.',
          features: ['Orders by status: paid, refunded, disputed', 'Refunds', 'Revenue per event and per photographer'],
        },
      },
      {
        path: 'gdpr',
        title: 'GDPR requests · Focus Racer Admin',
        loadComponent: loadComingSoonPage,
        data: {
          heading: 'GDPR requests',
          icon: 'privacy_tip',
          description: 'Access, erasure and rectification requests, with their legal deadlines.',
          features: ['Requests received and their due dates', 'Export of a person’s data', 'Erasure of faces and photos'],
        },
      },
      {
        path: 'settings/payments',
        title: 'Payment settings · Focus Racer Admin',
        loadComponent: () => import('./settings/payment-settings-page').then((m) => m.PaymentSettingsPage),
      },
      // Payment settings are the only platform settings so far; /settings lands on them.
      { path: 'settings', pathMatch: 'full', redirectTo: 'settings/payments' },
      {
        path: '**',
        title: 'Page not found · Focus Racer Admin',
        loadComponent: loadComingSoonPage,
        data: {
          heading: 'Page not found',
          stateHeading: 'Nothing here',
          icon: 'travel_explore',
          description: 'This address does not match any page of the console.',
        },
      },
    ],
  },
];
