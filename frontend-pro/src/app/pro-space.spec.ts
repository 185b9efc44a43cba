import { ORGANIZER_ROLES, Role } from '@focus-racer/api-types';
import { eventsWording, proNavigation, proSpaceOf } from './pro-space';

const slugs = (role: Role) => proNavigation(role).map((item) => item.slug);
const labels = (role: Role) => proNavigation(role).map((item) => item.label);

describe('pro navigation', () => {
  it('gives a photographer the shooting and selling pages', () => {
    expect(slugs(Role.PHOTOGRAPHER)).toEqual(['events', 'upload', 'sales', 'credits']);
    expect(labels(Role.PHOTOGRAPHER)).toEqual(['My events', 'Upload', 'Sales', 'Credits']);
  });

  it.each(ORGANIZER_ROLES)('gives %s the organizer pages, not the photographer copy', (role) => {
    expect(proSpaceOf(role)).toBe('organizer');
    expect(slugs(role)).toEqual(['events', 'photographers', 'start-lists', 'statistics']);
    expect(labels(role)).toContain('Races I organize');
    expect(labels(role)).not.toContain('My events');
    expect(labels(role)).not.toContain('Upload');
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
