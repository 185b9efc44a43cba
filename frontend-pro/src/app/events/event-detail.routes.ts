import { Routes } from '@angular/router';

/** The tabs of an event page (`/events/:id/...`), children of EventDetailPage which provides EventDetailStore. */
export const eventDetailRoutes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Event · Focus Racer Pro',
    loadComponent: () => import('./event-overview').then((m) => m.EventOverview),
  },
  {
    path: 'details',
    title: 'Event details · Focus Racer Pro',
    loadComponent: () => import('./event-details').then((m) => m.EventDetails),
  },
  {
    path: 'branding',
    title: 'Watermark · Focus Racer Pro',
    loadComponent: () => import('../branding/branding-panel').then((m) => m.BrandingPanel),
  },
  {
    path: 'photographers',
    title: 'Photographers of the race · Focus Racer Pro',
    loadComponent: () => import('../organizer/event-photographers-tab').then((m) => m.EventPhotographersTab),
  },
  {
    path: 'start-list',
    title: 'Start list · Focus Racer Pro',
    loadComponent: () => import('../start-list/start-list-panel').then((m) => m.StartListPanel),
  },
  {
    path: 'stats',
    title: 'Event statistics · Focus Racer Pro',
    loadComponent: () => import('../stats/event-stats').then((m) => m.EventStats),
  },
];
