import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { FavoritePhotoDto, Role, UserDto } from '@focus-racer/api-types';
import { AuthService } from '@focus-racer/ui';
import { FakeStorage } from '../../testing/fake-storage';
import { DeviceStore } from '../device/device-store';
import { Favorites } from './favorites';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const C = '00000000-0000-4000-8000-00000000000c';

const runner: UserDto = {
  id: 'runner-1',
  email: 'runner@demo.focusracer.local',
  displayName: 'Demo Runner',
  role: Role.RUNNER,
  stripeOnboarded: false,
  creditBalance: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
};

const photo = (id: string): FavoritePhotoDto => ({
  id,
  thumbUrl: `/api/media/${id}/thumb.jpg`,
  webUrl: `/api/media/${id}/web.jpg`,
  width: 1600,
  height: 1067,
  takenAt: null,
  eventSlug: 'trail-des-cretes-du-vercors-2026',
  eventName: 'Trail des Crêtes du Vercors',
});

describe('Favorites', () => {
  let storage: FakeStorage;
  let user: ReturnType<typeof signal<UserDto | null>>;
  let http: HttpTestingController;

  function start(deviceIds: string[] = [], signedIn: UserDto | null = null): Favorites {
    storage = new FakeStorage();
    if (deviceIds.length) storage.setItem('test.favorites', JSON.stringify(deviceIds));
    user = signal<UserDto | null>(signedIn);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: DeviceStore, useValue: new DeviceStore('test', storage) },
        { provide: AuthService, useValue: { user, isLoggedIn: computed(() => user() !== null) } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const favorites = TestBed.inject(Favorites);
    TestBed.tick();
    return favorites;
  }

  const deviceIds = () => JSON.parse(storage.getItem('test.favorites') ?? 'null') as string[] | null;

  afterEach(() => http.verify());

  it('keeps a visitor’s favorites on the device, without calling the API', () => {
    const favorites = start();
    favorites.toggle(A);
    favorites.toggle(B);
    favorites.toggle(A);
    expect([...favorites.ids()]).toEqual([B]);
    expect(deviceIds()).toEqual([B]);
    expect(favorites.count()).toBe(1);
  });

  it('finds the device’s favorites again on the next visit', () => {
    const favorites = start([A, B]);
    expect(favorites.has(A)).toBe(true);
    expect(favorites.has(B)).toBe(true);
  });

  it('adds the device’s favorites to the account at sign-in, then uses the account’s list and forgets the device copy', () => {
    const favorites = start([A, B]);
    user.set(runner);
    TestBed.tick();
    expect(favorites.merging()).toBe(true);
    const put = http.expectOne({ method: 'PUT', url: '/api/me/favorites' });
    expect(put.request.body).toEqual({ photoIds: [A, B] });
    // The account already had C: the server answers the merged list.
    put.flush([photo(C), photo(A), photo(B)]);
    expect([...favorites.ids()].sort()).toEqual([A, B, C]);
    expect(deviceIds()).toBeNull();
    expect(favorites.merging()).toBe(false);
  });

  it('loads the account’s list when a runner signs in with nothing on the device', () => {
    const favorites = start();
    user.set(runner);
    TestBed.tick();
    http.expectOne({ method: 'GET', url: '/api/me/favorites' }).flush([photo(C)]);
    expect([...favorites.ids()]).toEqual([C]);
  });

  it('keeps the device’s favorites when the merge fails, to try again at the next sign-in', () => {
    const favorites = start([A]);
    user.set(runner);
    TestBed.tick();
    http.expectOne('/api/me/favorites').flush(null, { status: 503, statusText: 'Unavailable' });
    expect([...favorites.ids()]).toEqual([A]);
    expect(deviceIds()).toEqual([A]);
  });

  it('sends a signed-in runner’s changes to the account, and puts the heart back when the API refuses', () => {
    const favorites = start([], runner);
    http.expectOne({ method: 'GET', url: '/api/me/favorites' }).flush([photo(A)]);

    favorites.toggle(B);
    expect(favorites.has(B)).toBe(true);
    const put = http.expectOne({ method: 'PUT', url: '/api/me/favorites' });
    expect(put.request.body).toEqual({ photoIds: [B] });
    put.flush([photo(A), photo(B)]);

    favorites.toggle(A);
    expect(favorites.has(A)).toBe(false);
    http.expectOne({ method: 'DELETE', url: `/api/me/favorites/${A}` }).flush(null, { status: 500, statusText: 'Error' });
    expect(favorites.has(A)).toBe(true);
    expect(deviceIds()).toBeNull();
  });

  it('goes back to the device’s (now empty) list at sign-out: the merged photos belong to the account', () => {
    const favorites = start([A]);
    user.set(runner);
    TestBed.tick();
    http.expectOne('/api/me/favorites').flush([photo(A)]);
    user.set(null);
    TestBed.tick();
    expect(favorites.count()).toBe(0);
  });

  it('lists a visitor’s favorites through the public lookup (the API leaves out photos gone since)', () => {
    const visitor = start([A, B]);
    let listed: FavoritePhotoDto[] = [];
    visitor.photos().subscribe((photos) => (listed = photos));
    const lookup = http.expectOne({ method: 'POST', url: '/api/public/photos/lookup' });
    expect(lookup.request.body).toEqual({ photoIds: [A, B] });
    lookup.flush([photo(A)]);
    expect(listed.map((p) => p.id)).toEqual([A]);
  });
});
