import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { PhotoUploadResult, Role, UploadBatchDto } from '@focus-racer/api-types';
import { AuthService } from '@focus-racer/ui';
import { selectPhotos } from './file-selection';
import { PHOTO_COMPRESSOR } from './photo-compressor';
import { MemoryManifestStore, UPLOAD_MANIFEST_STORE, UploadManifest } from './upload-manifest-store';
import { UPLOAD_QUEUE_OPTIONS, UploadSession } from './upload-session';

const flush = async () => {
  for (let i = 0; i < 6; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

const photo = (path: string, size = 100) => ({ file: new File([new Uint8Array(size)], path.slice(path.lastIndexOf('/') + 1), { lastModified: 1000 }), path });

const batchDto = (overrides: Partial<UploadBatchDto> = {}): UploadBatchDto => ({
  id: 'b1',
  eventId: 'e1',
  uploaderId: 'u1',
  label: 'Race',
  expectedFiles: 3,
  createdAt: '2026-03-22T09:00:00.000Z',
  completedAt: null,
  stage: 'uploading',
  counters: { received: 0, processed: 0, failed: 0, processing: 0, duplicates: 0, blurry: 0, withBibs: 0, needsReview: 0 },
  ...overrides,
});

/** The keys of a photo request, checking each file part comes right after its key. */
function keysOf(request: TestRequest): string[] {
  const entries = [...(request.request.body as FormData).entries()];
  const keys: string[] = [];
  entries.forEach(([name, value], index) => {
    if (name === 'files') {
      const before = entries[index - 1];
      expect(before?.[0]).toBe('key');
      keys.push(String(before?.[1]));
      expect((value as File).name).toBe(String(before?.[1]).split('|')[0]?.split('/').pop());
    }
  });
  return keys;
}

function accept(request: TestRequest, already: string[] = [], refuse: Record<string, string> = {}): void {
  const keys = keysOf(request);
  const files = keys.map((key) =>
    refuse[key]
      ? { filename: key, status: 'rejected' as const, reason: refuse[key], clientKey: key }
      : { filename: key, status: 'accepted' as const, photoId: `p-${key}`, clientKey: key, alreadyReceived: already.includes(key) || undefined },
  );
  const accepted = files.filter((file) => file.status === 'accepted').length;
  request.flush({ batchId: 'b1', files, accepted, rejected: files.length - accepted, creditBalance: 100 } satisfies PhotoUploadResult);
}

describe('UploadSession', () => {
  let http: HttpTestingController;
  let store: MemoryManifestStore;
  let session: UploadSession;

  function configure(): void {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: UPLOAD_MANIFEST_STORE, useValue: store },
        { provide: PHOTO_COMPRESSOR, useValue: { parallelism: 2, compress: (file: File) => Promise.resolve(file) } },
        { provide: AuthService, useValue: { user: signal({ id: 'u1', role: Role.PHOTOGRAPHER }) } },
        { provide: UPLOAD_QUEUE_OPTIONS, useValue: { parallelRequests: 1, maxFilesPerRequest: 1 } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    session = TestBed.inject(UploadSession);
  }

  beforeEach(() => {
    store = new MemoryManifestStore();
    configure();
  });

  afterEach(() => http.verify());

  const photoRequests = () => http.match((r) => r.url === '/api/events/e1/photos');

  async function sendAll(answer: (request: TestRequest) => void = (request) => accept(request)): Promise<string[]> {
    const sent: string[] = [];
    for (let guard = 0; guard < 50; guard++) {
      await flush();
      const [request] = photoRequests();
      if (!request) break;
      expect(request.request.params.get('batchId')).toBe('b1');
      expect(request.request.params.get('fileCount')).toBe(String(keysOf(request).length));
      sent.push(...keysOf(request));
      answer(request);
    }
    return sent;
  }

  it('opens the batch, keeps its manifest on the device before sending, sends each file once and completes the batch', async () => {
    const selection = selectPhotos([photo('Race/IMG_1.JPG'), photo('Race/IMG_2.JPG'), photo('Race/IMG_3.JPG')]);
    const starting = session.start({ id: 'e1', name: 'Marathon' }, selection, true);
    const create = http.expectOne('/api/events/e1/upload-batches');
    expect(create.request.body).toEqual({ label: 'Race', expectedFiles: 3 });
    create.flush(batchDto());
    await starting;
    const [saved] = await store.list();
    expect(saved?.files.map((file) => file.key)).toEqual(selection.photos.map((p) => p.key));

    const sent = await sendAll((request) => accept(request, [], { [selection.photos[1]?.key ?? '']: 'Already uploaded to this event' }));
    expect(sent).toEqual(selection.photos.map((p) => p.key));
    http.expectOne({ method: 'POST', url: '/api/upload-batches/b1/complete' }).flush(batchDto({ stage: 'processing' }));
    await flush();

    expect(session.active()?.sending).toMatchObject({ planned: 3, answered: 3, accepted: 2, rejected: 1, status: 'done' });
    const [finished] = await store.list();
    expect(finished).toMatchObject({ finishedAt: expect.any(String), files: [], sentKeys: [] });
    expect(finished?.rejected).toEqual([{ key: selection.photos[1]?.key, name: 'IMG_2.JPG', reason: 'Already uploaded to this event' }]);
    expect(session.unfinished()).toEqual([]);
  });

  it('resumes a batch a closed tab left: keys the server holds are skipped, the rest sent, even from the parent folder', async () => {
    const first = selectPhotos(['a', 'b', 'c', 'd', 'e'].map((n) => photo(`Race/${n}.jpg`)));
    const keys = first.photos.map((p) => p.key);
    const manifest: UploadManifest = {
      batchId: 'b1',
      userId: 'u1',
      eventId: 'e1',
      eventName: 'Marathon',
      label: 'Race',
      createdAt: '2026-03-22T09:00:00.000Z',
      updatedAt: '2026-03-22T09:00:00.000Z',
      reduce: true,
      files: first.photos.map((p) => ({ key: p.key, name: p.file.name, size: p.file.size })),
      sentKeys: [keys[0] ?? ''],
      rejected: [{ key: keys[4] ?? '', name: 'e.jpg', reason: 'Already uploaded to this event' }],
      finishedAt: null,
      plannedFiles: 5,
    };
    await store.put(manifest);

    // Chosen again from the folder above, with a file that was never part of the batch.
    const again = selectPhotos([...['a', 'b', 'c', 'd', 'e'].map((n) => photo(`Card/Race/${n}.jpg`)), photo('Card/Race/z.jpg')]);
    const resuming = session.resume(manifest, again);
    // The server got b before the tab closed (its answer was lost).
    http.expectOne('/api/upload-batches/b1').flush({ ...batchDto({ expectedFiles: 5 }), receivedKeys: [keys[0], keys[1]] });
    expect(await resuming).toEqual({ toSend: 2, notFound: 0, notInBatch: 1 });

    const sent = await sendAll();
    expect(sent).toEqual([keys[2], keys[3]]);
    http.expectOne('/api/upload-batches/b1/complete').flush(batchDto({ stage: 'processing' }));
    await flush();
    expect(session.active()?.sending).toMatchObject({ planned: 5, answered: 5, accepted: 4, rejected: 1, status: 'done' });
  });

  it('says which folder to choose when none of the photos still to send is in what was chosen', async () => {
    const first = selectPhotos([photo('Race/a.jpg'), photo('Race/b.jpg')]);
    const manifest: UploadManifest = {
      batchId: 'b1', userId: 'u1', eventId: 'e1', eventName: 'Marathon', label: 'Race', createdAt: '', updatedAt: '', reduce: false,
      files: first.photos.map((p) => ({ key: p.key, name: p.file.name, size: p.file.size })),
      sentKeys: [], rejected: [], finishedAt: null, plannedFiles: 2,
    };
    const resuming = session.resume(manifest, selectPhotos([photo('Other/x.jpg')]));
    http.expectOne('/api/upload-batches/b1').flush({ ...batchDto(), receivedKeys: [] });
    await expect(resuming).rejects.toThrow('None of the 2 photos still to send is in what you chose. Choose the folder you chose first ("Race").');
  });

  it('tells the server again on the next visit when the batch finished but its completion was not confirmed', async () => {
    const unconfirmed: UploadManifest = {
      batchId: 'b7', userId: 'u1', eventId: 'e1', eventName: 'Marathon', label: 'Race', createdAt: '2026-03-22T09:00:00.000Z',
      updatedAt: '', reduce: true, files: [], sentKeys: [], rejected: [], finishedAt: new Date().toISOString(), plannedFiles: 3,
    };
    await store.put(unconfirmed);
    TestBed.resetTestingModule();
    configure(); // a new visit: the session reads the device's manifests
    await flush();
    http.expectOne({ method: 'POST', url: '/api/upload-batches/b7/complete' }).flush(batchDto({ id: 'b7', stage: 'processing' }));
    await flush();
    expect((await store.list())[0]?.serverCompleted).toBe(true);
  });

  it('stops on 402 with the server sentence and goes on when asked after buying credits', async () => {
    const selection = selectPhotos([photo('Race/a.jpg'), photo('Race/b.jpg')]);
    const starting = session.start({ id: 'e1', name: 'Marathon' }, selection, false);
    http.expectOne('/api/events/e1/upload-batches').flush(batchDto({ expectedFiles: 2 }));
    await starting;
    await flush();
    photoRequests()[0]?.flush(
      { statusCode: 402, message: 'This upload needs 1 credit but you have 0: buy at least 1 more credit' },
      { status: 402, statusText: 'Payment Required' },
    );
    await flush();
    expect(session.active()?.snapshot).toMatchObject({ status: 'out-of-credits', message: 'This upload needs 1 credit but you have 0: buy at least 1 more credit' });
    expect(photoRequests()).toHaveLength(0);
    expect(session.unfinished()).toEqual([]); // still this tab's batch, not a left-over one

    session.retryNow();
    const sent = await sendAll();
    expect(sent).toHaveLength(2);
    http.expectOne('/api/upload-batches/b1/complete').flush(batchDto({ stage: 'processing' }));
  });
});
