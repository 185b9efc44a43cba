import { TestBed } from '@angular/core/testing';
import { DeviceStore } from './device-store';
import { FakeStorage } from '../../testing/fake-storage';
import { ViewerId } from './viewer-id';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function viewerIdOver(storage: Storage): ViewerId {
  TestBed.resetTestingModule();
  TestBed.configureTestingModule({ providers: [{ provide: DeviceStore, useValue: new DeviceStore('test', storage) }] });
  return TestBed.inject(ViewerId);
}

describe('ViewerId', () => {
  it('creates a random id once and keeps it on the device across visits', () => {
    const storage = new FakeStorage();
    const first = viewerIdOver(storage).get();
    expect(first).toMatch(UUID);
    expect(storage.getItem('test.viewerId')).toBe(JSON.stringify(first));
    // A new page load (new service, same storage) finds the same id.
    expect(viewerIdOver(storage).get()).toBe(first);
  });

  it('gives different devices different ids', () => {
    expect(viewerIdOver(new FakeStorage()).get()).not.toBe(viewerIdOver(new FakeStorage()).get());
  });

  it('replaces a value that is not an id (left by another version, or edited by hand)', () => {
    const storage = new FakeStorage();
    storage.setItem('test.viewerId', JSON.stringify('<script>'));
    const id = viewerIdOver(storage).get();
    expect(id).toMatch(UUID);
    expect(storage.getItem('test.viewerId')).toBe(JSON.stringify(id));
  });

  it('still gives one stable id for the tab when the storage refuses writes', () => {
    const viewerId = viewerIdOver(new FakeStorage(true));
    const id = viewerId.get();
    expect(id).toMatch(UUID);
    expect(viewerId.get()).toBe(id);
  });
});
