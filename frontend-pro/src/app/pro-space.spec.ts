import { ORGANIZER_ROLES, PRO_ROLES, Role } from '@focus-racer/api-types';
import { eventsWording, proNavigation, proSpaceOf } from './pro-space';

const slugs = (role: Role) => proNavigation(role).map((item) => item.slug);
const labels = (role: Role) => proNavigation(role).map((item) => item.label);

describe('pro navigation', () => {
  it('gives a photographer the shooting and selling pages', () => {
    expect(slugs(Role.PHOTOGRAPHER)).toEqual(['events', 'upload', 'stats', 'payments', 'credits']);
    expect(labels(Role.PHOTOGRAPHER)).toEqual(['My events', 'Upload', 'Statistics', 'Payments & sales', 'Credits']);
  });

  it.each(ORGANIZER_ROLES)('gives %s the organizer pages, not the photographer copy', (role) => {
    expect(proSpaceOf(role)).toBe('organizer');
    expect(slugs(role)).toEqual(['events', 'photographers', 'start-lists', 'statistics', 'payments', 'credits']);
    expect(labels(role)).toContain('Races I organize');
    expect(labels(role)).not.toContain('My events');
    expect(labels(role)).not.toContain('Upload');
  });

  it.each(PRO_ROLES)('lets %s set up payments, see sales and buy credits: every pro who owns events sells', (role) => {
    expect(slugs(role)).toEqual(expect.arrayContaining(['payments', 'credits']));
  });

  it('links every item to a path of its own', () => {
    for (const role of [Role.PHOTOGRAPHER, Role.ORGANIZER]) {
      const links = proNavigation(role).map((item) => item.link);
      expect(new Set(links).size).toBe(links.length);
      links.forEach((link) => expect(link.startsWith('/')).toBe(true));
    }
  });

  it('words the events page for the audience', () => {
    expect(eventsWording(Role.PHOTOGRAPHER).title).toBe('My events');
    expect(eventsWording(Role.CLUB).title).toBe('Races I organize');
    expect(eventsWording(Role.CLUB).emptyText).not.toMatch(/shooting/);
  });
});
