import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { CartItemInput, Role, UserDto } from '@focus-racer/api-types';
import { AuthService } from '@focus-racer/ui';
import { FakeStorage } from '../../testing/fake-storage';
import { DeviceStore } from '../device/device-store';
import { Cart } from './cart';

const runner: UserDto = {
  id: 'runner-1',
  email: 'runner@demo.focusracer.local',
  displayName: 'Demo Runner',
  role: Role.RUNNER,
  stripeOnboarded: false,
  creditBalance: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
};

const hd = (photoId: string): CartItemInput => ({ kind: 'photo', photoId, resolution: 'hd' });
const web = (photoId: string): CartItemInput => ({ kind: 'photo', photoId, resolution: 'web' });
const allMine = (bib: string): CartItemInput => ({ kind: 'all-my-photos', eventId: 'e1', bib });

describe('Cart', () => {
  let storage: FakeStorage;
  let user: ReturnType<typeof signal<UserDto | null>>;
  let http: HttpTestingController;

  function start(deviceItems: CartItemInput[] = [], signedIn: UserDto | null = null, store = new FakeStorage()): Cart {
    storage = store;
    if (deviceItems.length) storage.setItem('test.cart', JSON.stringify(deviceItems));
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
    const cart = TestBed.inject(Cart);
    TestBed.tick();
    return cart;
  }

  const deviceItems = () => JSON.parse(storage.getItem('test.cart') ?? 'null') as CartItemInput[] | null;

  afterEach(() => http.verify());

  it('keeps a visitor’s cart on the device, without calling the API, and counts its lines for the badge', () => {
    const cart = start();
    cart.togglePhoto('p1');
    cart.addPhoto('p2', 'web');
    cart.add(allMine('3625'));
    expect(cart.count()).toBe(3);
    expect(cart.has('p1')).toBe(true);
    expect(cart.resolutionOf('p2')).toBe('web');
    expect(cart.hasAllMyPhotos('e1', '3625')).toBe(true);
    expect(deviceItems()).toEqual([hd('p1'), web('p2'), allMine('3625')]);

    cart.togglePhoto('p1');
    expect(cart.has('p1')).toBe(false);
    expect(deviceItems()).toEqual([web('p2'), allMine('3625')]);
  });

  it('holds a photo once: adding it again in the other size changes its size', () => {
    const cart = start();
    cart.addPhoto('p1', 'hd');
    cart.addPhoto('p1', 'web');
    expect(cart.items()).toEqual([web('p1')]);
    expect(cart.count()).toBe(1);
  });

  it('finds the device’s cart again on the next visit, and ignores a value that is not a cart', () => {
    expect(start([hd('p1'), allMine('12')]).items()).toEqual([hd('p1'), allMine('12')]);

    TestBed.resetTestingModule();
    const edited = new FakeStorage();
    edited.setItem('test.cart', JSON.stringify([{ kind: 'photo', photoId: 'p1', resolution: 'poster' }]));
    expect(start([], null, edited).items()).toEqual([]);
  });

  it('unites the device’s cart with the account’s at sign-in, saves the union, then forgets the device copy', () => {
    const cart = start([hd('p1'), web('p2')]);
    user.set(runner);
    TestBed.tick();
    expect(cart.merging()).toBe(true);
    // The account's cart has p2 in HD and p3: the device's choice of size wins, p3 is kept.
    http.expectOne({ method: 'GET', url: '/api/me/cart' }).flush({ items: [hd('p2'), hd('p3')], updatedAt: null });
    expect(cart.merging()).toBe(false);
    expect(cart.items()).toEqual([web('p2'), hd('p3'), hd('p1')]);
    const put = http.expectOne({ method: 'PUT', url: '/api/me/cart' });
    expect(put.request.body).toEqual({ items: [web('p2'), hd('p3'), hd('p1')] });
    put.flush({ items: put.request.body.items, updatedAt: '2026-04-01T10:00:00.000Z' });
    expect(deviceItems()).toBeNull();
  });

  it('does not write the account’s cart back when the device adds nothing to it', () => {
    const cart = start([], runner);
    http.expectOne({ method: 'GET', url: '/api/me/cart' }).flush({ items: [hd('p3')], updatedAt: null });
    expect(cart.items()).toEqual([hd('p3')]);
    http.expectNone({ method: 'PUT', url: '/api/me/cart' });
  });

  it('sends a signed-in runner’s changes to the account one request at a time, the latest state last', () => {
    const cart = start([], runner);
    http.expectOne('/api/me/cart').flush({ items: [], updatedAt: null });

    cart.addPhoto('p1');
    cart.addPhoto('p2');
    cart.addPhoto('p3');
    const first = http.expectOne({ method: 'PUT', url: '/api/me/cart' });
    expect(first.request.body).toEqual({ items: [hd('p1')] });
    first.flush({ items: [hd('p1')], updatedAt: null });
    // The two changes made meanwhile go together.
    const second = http.expectOne({ method: 'PUT', url: '/api/me/cart' });
    expect(second.request.body).toEqual({ items: [hd('p1'), hd('p2'), hd('p3')] });
    second.flush({ items: [], updatedAt: null });
    expect(deviceItems()).toBeNull();
  });

  it('keeps the cart on the device when the account cannot be reached, to merge it later', () => {
    const cart = start([hd('p1')]);
    user.set(runner);
    TestBed.tick();
    http.expectOne('/api/me/cart').flush(null, { status: 503, statusText: 'Unavailable' });
    expect(cart.items()).toEqual([hd('p1')]);
    expect(deviceItems()).toEqual([hd('p1')]);

    cart.addPhoto('p2');
    http.expectOne({ method: 'PUT', url: '/api/me/cart' }).flush(null, { status: 503, statusText: 'Unavailable' });
    expect(deviceItems()).toEqual([hd('p1'), hd('p2')]);
  });

  it('goes back to the device’s (now empty) cart at sign-out: the merged items belong to the account', () => {
    const cart = start([hd('p1')]);
    user.set(runner);
    TestBed.tick();
    http.expectOne('/api/me/cart').flush({ items: [], updatedAt: null });
    http.expectOne({ method: 'PUT', url: '/api/me/cart' }).flush({ items: [hd('p1')], updatedAt: null });
    user.set(null);
    TestBed.tick();
    expect(cart.count()).toBe(0);
  });

  it('clears what an order bought once it is paid: the items remembered at checkout, or else its photos', () => {
    const cart = start([hd('p1'), web('p2'), allMine('3625'), hd('p9')]);
    cart.rememberCheckout('order-1', [hd('p1'), web('p2'), allMine('3625')]);
    cart.clearBought('order-1', ['p1', 'p2', 'p4']);
    expect(cart.items()).toEqual([hd('p9')]);

    // An order link opened on another device: nothing remembered, the bought photos leave whatever their size.
    cart.addPhoto('p5', 'web');
    cart.clearBought('order-elsewhere', ['p5']);
    expect(cart.items()).toEqual([hd('p9')]);
    expect(JSON.parse(storage.getItem('test.checkouts') ?? '{}')).toEqual({});
  });
});
