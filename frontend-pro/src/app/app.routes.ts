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
        loadComponent: comingSoon,
        data: {
          heading: 'Upload',
          icon: 'cloud_upload',
          description: 'Drop a whole memory card of race photos here; Focus Racer sorts them for you.',
          features: [
            'Drag and drop thousands of JPEGs per event, resumed if the connection drops',
            'Bib numbers and faces recognised automatically, blurry shots flagged',
            'Your watermark applied to every preview runners see',
          ],
        },
      },
      {
        path: 'sales',
        title: 'Sales · Focus Racer Pro',
        canActivate: PHOTOGRAPHER_ONLY,
        loadComponent: comingSoon,
        data: {
          heading: 'Sales',
          icon: 'payments',
          description: 'Every photo you sold, per event, and the payouts to your bank account.',
          features: [
            'Orders and revenue per event and per day',
            'Price packs: single photo, pack, all my photos',
            'Payouts through Stripe, with downloadable statements',
          ],
        },
      },
      {
        path: 'credits',
        title: 'Credits · Focus Racer Pro',
        canActivate: PHOTOGRAPHER_ONLY,
        loadComponent: comingSoon,
        data: {
          heading: 'Credits',
          icon: 'toll',
          description: 'Credits pay for photo processing: one credit per photo sorted.',
          features: ['Your balance and its history', 'Buy credit packs or subscribe', 'Sign-up bonus and refunds'],
        },
      },
      {
        path: 'photographers',
        title: 'Photographers · Focus Racer Pro',
        canActivate: ORGANIZERS_ONLY,
        loadComponent: comingSoon,
        data: {
          heading: 'Photographers',
          icon: 'groups',
          description: 'Find photographers for your races and manage the ones who cover them.',
          features: [
            'Post a race on the marketplace and review applications',
            'Invite photographers you already work with',
            'See who uploaded what, per race',
          ],
        },
      },
      {
        path: 'start-lists',
        title: 'Start lists · Focus Racer Pro',
        canActivate: ORGANIZERS_ONLY,
        loadComponent: comingSoon,
        data: {
          heading: 'Start lists',
          icon: 'format_list_numbered',
          description: 'Import your start list so runners are told by email when their photos are ready.',
          features: [
            'CSV import: bib, name, email',
            'Connectors to common registration platforms',
            'Runners notified as soon as their bib is recognised',
          ],
        },
      },
      {
        path: 'statistics',
        title: 'Event statistics · Focus Racer Pro',
        canActivate: ORGANIZERS_ONLY,
        loadComponent: comingSoon,
        data: {
          heading: 'Event statistics',
          icon: 'monitoring',
          description: 'How your races do on Focus Racer: photos, runners found, sales.',
          features: [
            'Photos uploaded and sorted per race',
            'Share of runners who found their photos',
            'Sales and your share of revenue',
          ],
        },
      },
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
