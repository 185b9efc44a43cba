import { Injectable, InjectionToken } from '@angular/core';

/**
 * What this device remembers of a batch it sends, so that a closed tab (or a crashed laptop) can resume it: the
 * batch, the files planned (keys, names, sizes: never their bytes, which the browser will not keep) and each
 * file's answer. The server's `receivedKeys` stay the truth on resume; this adds the rejections (not stored on the
 * server) and lets the page say "23 of 3 000 photos still to send" before anything is asked.
 */
export interface UploadManifest {
  batchId: string;
  userId: string;
  eventId: string;
  eventName: string;
  label: string;
  createdAt: string;
  updatedAt: string;
  /** Reduce to 4000 px was on: a resume sends the rest the same way. */
  reduce: boolean;
  /** Every file planned for the batch, in sending order (emptied once finished). */
  files: ManifestFile[];
  /** Keys answered accepted (alreadyReceived included). */
  sentKeys: string[];
  /** Files the server refused, with its reason (kept after the batch finished, for its timeline). */
  rejected: ManifestRejection[];
  /** Set when every planned file had an answer (or the person gave up on the rest). */
  finishedAt: string | null;
  /** How many files the batch planned (kept when `files` is emptied). */
  plannedFiles: number;
  /** The server confirmed the batch complete (POST …/complete); told again on the next visit if not. */
  serverCompleted?: boolean;
}

export interface ManifestFile {
  key: string;
  name: string;
  size: number;
}

export interface ManifestRejection {
  key: string;
  name: string;
  reason: string;
}

export interface UploadManifestStore {
  list(): Promise<UploadManifest[]>;
  put(manifest: UploadManifest): Promise<void>;
  remove(batchId: string): Promise<void>;
}

export const UPLOAD_MANIFEST_STORE = new InjectionToken<UploadManifestStore>('UPLOAD_MANIFEST_STORE', {
  providedIn: 'root',
  factory: () => (typeof indexedDB === 'undefined' ? new MemoryManifestStore() : new IndexedDbManifestStore()),
});

const DATABASE = 'focus-racer-pro-uploads';
const STORE = 'batches';

/** IndexedDB rather than localStorage: a 3 000-file manifest is a few hundred KB, and writes must not block the page. */
@Injectable()
export class IndexedDbManifestStore implements UploadManifestStore {
  private database: Promise<IDBDatabase> | null = null;
  private readonly fallback = new MemoryManifestStore();

  async list(): Promise<UploadManifest[]> {
    const db = await this.open();
    if (!db) return this.fallback.list();
    return request<UploadManifest[]>(db.transaction(STORE, 'readonly').objectStore(STORE).getAll());
  }

  async put(manifest: UploadManifest): Promise<void> {
    const db = await this.open();
    if (!db) return this.fallback.put(manifest);
    await request(db.transaction(STORE, 'readwrite').objectStore(STORE).put(manifest));
  }

  async remove(batchId: string): Promise<void> {
    const db = await this.open();
    if (!db) return this.fallback.remove(batchId);
    await request(db.transaction(STORE, 'readwrite').objectStore(STORE).delete(batchId));
  }

  /** Null when the browser refuses IndexedDB (some private modes): the manifest then lasts as long as the tab. */
  private async open(): Promise<IDBDatabase | null> {
    this.database ??= new Promise<IDBDatabase>((resolve, reject) => {
      const opening = indexedDB.open(DATABASE, 1);
      opening.onupgradeneeded = () => opening.result.createObjectStore(STORE, { keyPath: 'batchId' });
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(opening.error);
      opening.onblocked = () => reject(new Error('blocked'));
    });
    try {
      return await this.database;
    } catch {
      return null;
    }
  }
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export class MemoryManifestStore implements UploadManifestStore {
  private readonly manifests = new Map<string, UploadManifest>();

  list(): Promise<UploadManifest[]> {
    return Promise.resolve([...this.manifests.values()].map((manifest) => structuredCloneOf(manifest)));
  }

  put(manifest: UploadManifest): Promise<void> {
    this.manifests.set(manifest.batchId, structuredCloneOf(manifest));
    return Promise.resolve();
  }

  remove(batchId: string): Promise<void> {
    this.manifests.delete(batchId);
    return Promise.resolve();
  }
}

function structuredCloneOf(manifest: UploadManifest): UploadManifest {
  return JSON.parse(JSON.stringify(manifest)) as UploadManifest;
}
