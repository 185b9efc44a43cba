import { Route } from '@angular/router';
import { ORGANIZER_ROLES, PRO_ROLES, Role } from '@focus-racer/api-types';
import { authGuard, authPageRoutes, loadComingSoonPage, roleGuard } from '@focus-racer/ui';

const comingSoon = loadComingSoonPage;
const PHOTOGRAPHER_ONLY = [roleGuard([Role.PHOTOGRAPHER])];
const ORGANIZERS_ONLY = [roleGuard(ORGANIZER_ROLES)];

export const appRoutes: Route[] = [
  ...authPageRoutes({
    login: {
      heading: 'Sign in to Focus Racer Pro',
      subtitle: 'For race photographers and organizers',
      registerLink: '/register',
      registerLabel: 'Create a pro account',
    },
    register: {
      roles: PRO_ROLES,
      heading: 'Create your pro account',
      subtitle: 'Sell your race photos, or bring photographers to your races.',
    },
  }),
  {
    path: '',
    loadComponent: () => import('./pro-shell').then((m) => m.ProShell),
    canActivate: [authGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'events' },
      {
        path: 'events',
        title: 'Events · Focus Racer Pro',
        loadComponent: () => import('./events/events-page').then((m) => m.EventsPage),
      },
      {
        path: 'upload',
        title: 'Upload · Focus Racer Pro',
        canActivate: PHOTOGRAPHER_ONLY,
        loadComponent: () => import('./upload/upload-page').then((m) => m.UploadPage),
      },
      // One event's upload page, reached from the events list: no role guard, whoever may upload to the event (its
      // owner, an invited photographer) does, and the API checks it.
      {
        path: 'events/:id/upload',
        title: 'Upload · Focus Racer Pro',
        loadComponent: () => import('./upload/upload-page').then((m) => m.UploadPage),
      },
      // An event's photos and its review queue: for whoever owns the event (the API checks it).
      {
        path: 'events/:id/photos',
        title: 'Photos · Focus Racer Pro',
        loadComponent: () => import('./photos/photos-page').then((m) => m.PhotosPage),
      },
      {
        path: 'events/:id/triage',
        title: 'Review queue · Focus Racer Pro',
        loadComponent: () => import('./triage/triage-page').then((m) => m.TriagePage),
      },
      // Prices, payments, sales and credits need no role guard: every pro role owns events and sells them (authGuard
      // already keeps other roles out of this app), and the API checks that the event is the pro's own.
      {
        path: 'events/:id/prices',
        title: 'Prices · Focus Racer Pro',
        loadComponent: () => import('./price-packs/price-packs-page').then((m) => m.PricePacksPage),
      },
      // One event, its tabs as child routes (overview, details, watermark, photographers, start list, statistics).
      // Declared after events/:id/photos, triage and prices, which are pages of their own.
      {
        path: 'events/:id',
        loadComponent: () => import('./events/event-detail-page').then((m) => m.EventDetailPage),
        loadChildren: () => import('./events/event-detail.routes').then((m) => m.eventDetailRoutes),
      },
      {
        path: 'stats',
        title: 'Statistics · Focus Racer Pro',
        loadComponent: () => import('./stats/stats-dashboard-page').then((m) => m.StatsDashboardPage),
      },
      {
        path: 'payments',
        title: 'Payments & sales · Focus Racer Pro',
        loadComponent: () => import('./payments/payments-page').then((m) => m.PaymentsPage),
      },
      // The page was called Sales before it also held the Stripe set-up; old links still land on it.
      { path: 'sales', pathMatch: 'full', redirectTo: 'payments' },
      {
        path: 'credits',
        title: 'Credits · Focus Racer Pro',
        loadComponent: () => import('./credits/credits-page').then((m) => m.CreditsPage),
      },
      {
        path: 'photographers',
        title: 'Photographers · Focus Racer Pro',
        canActivate: ORGANIZERS_ONLY,
        loadComponent: () => import('./organizer/photographers-page').then((m) => m.PhotographersPage),
      },
      {
        path: 'start-lists',
        title: 'Start lists · Focus Racer Pro',
        canActivate: ORGANIZERS_ONLY,
        loadComponent: () => import('./start-list/start-lists-page').then((m) => m.StartListsPage),
      },
      // The organizers' statistics page became the dashboard every pro has.
      { path: 'statistics', pathMatch: 'full', redirectTo: 'stats' },
      {
        path: '**',
        title: 'Page not found · Focus Racer Pro',
        loadComponent: comingSoon,
        data: {
          heading: 'Page not found',
          stateHeading: 'Nothing here',
          icon: 'travel_explore',
          description: 'This address does not match any page of Focus Racer Pro. Use the navigation to go on.',
        },
      },
    ],
  },
];
