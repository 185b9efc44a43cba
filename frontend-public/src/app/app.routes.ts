import { Route } from '@angular/router';
import { Role } from '@focus-racer/api-types';
import { authPageRoutes, loadComingSoonPage } from '@focus-racer/ui';

/** Browsing needs no account: every page sits in the public shell, which offers "Sign in" to visitors. */
export const appRoutes: Route[] = [
  {
    path: '',
    loadComponent: () => import('./public-shell').then((m) => m.PublicShell),
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'Focus Racer · Find your race photos',
        loadComponent: () => import('./home/home-page').then((m) => m.HomePage),
      },
      {
        path: 'events/:slug',
        loadComponent: () => import('./event/event-page').then((m) => m.EventPage),
        children: [
          {
            // A child route drawn over the gallery: the page below keeps its scroll and loaded photos, and the
            // address is a link to the photo that anyone can open.
            path: 'photos/:photoId',
            loadComponent: () => import('./viewer/photo-viewer').then((m) => m.PhotoViewer),
          },
        ],
      },
      {
        path: 'favorites',
        title: 'Your favorite photos · Focus Racer',
        loadComponent: () => import('./favorites/favorites-page').then((m) => m.FavoritesPage),
      },
      {
        path: 'cart',
        title: 'Your cart · Focus Racer',
        loadComponent: () => import('./cart/cart-page').then((m) => m.CartPage),
      },
      {
        path: 'checkout/:eventId',
        title: 'Checkout · Focus Racer',
        loadComponent: () => import('./checkout/checkout-page').then((m) => m.CheckoutPage),
      },
      {
        path: 'orders',
        title: 'My orders · Focus Racer',
        loadComponent: () => import('./orders/orders-page').then((m) => m.OrdersPage),
      },
      {
        // Opened from the receipt email without an account: `?t=` is the order's access token.
        path: 'orders/:id',
        title: 'Your order · Focus Racer',
        loadComponent: () => import('./orders/order-page').then((m) => m.OrderPage),
      },
      ...authPageRoutes({
        login: {
          heading: 'Sign in to Focus Racer',
          subtitle: 'Find your race photos and get them in full quality.',
          registerLink: '/register',
        },
        register: {
          roles: [Role.RUNNER],
          heading: 'Create your Focus Racer account',
          subtitle: 'Keep your photos and orders in one place.',
        },
      }),
      {
        path: '**',
        title: 'Page not found · Focus Racer',
        loadComponent: loadComingSoonPage,
        data: {
          heading: 'Page not found',
          stateHeading: 'Nothing here',
          icon: 'travel_explore',
          description: 'This address does not match any page. Go back to the races to find your photos.',
        },
      },
    ],
  },
];
