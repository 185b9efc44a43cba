import { NavItem } from '@focus-racer/ui';

export const ADMIN_NAVIGATION: readonly NavItem[] = [
  { slug: 'users', label: 'Users', icon: 'group', link: '/users' },
  { slug: 'events', label: 'Events', icon: 'event', link: '/events' },
  { slug: 'orders', label: 'Orders', icon: 'receipt_long', link: '/orders' },
  { slug: 'gdpr', label: 'GDPR requests', icon: 'privacy_tip', link: '/gdpr' },
  { slug: 'payment-settings', label: 'Payment settings', icon: 'euro', link: '/settings/payments' },
];
