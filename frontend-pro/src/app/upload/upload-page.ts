import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, OnInit, signal, untracked, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { EventDto, EventStatus, UploadBatchDto } from '@focus-racer/api-types';
import { apiErrorMessage, EmptyStateComponent, fromIsoDate, PageHeaderComponent } from '@focus-racer/ui';
import { EventProgressMessage, EventProgressStream } from '../api/event-progress';
import { EventsApi } from '../api/events-api';
import { PaymentsApi } from '../api/payments-api';
import { UploadBatchesApi } from '../api/upload-batches-api';
import { BatchList, BatchRow } from './batch-list';
import { BatchTimeline } from './batch-timeline';
import { applyPhotoFrame, batchTimeline, BatchLive, liveCounts, liveFromBatch } from './batch-timeline.state';
import { DropZone } from './drop-zone';
import { DroppedFiles, FileSelection, selectPhotos } from './file-selection';
import { formatBytes } from './format-bytes';
import { UploadManifest } from './upload-manifest-store';
import { UploadPreferences } from './upload-preferences';
import { UploadSession } from './upload-session';

/** The batch list is re-read at most this often while frames or answers arrive (the stream moves rings between). */
export const REFRESH_MS = 1_500;
/** Refused and skipped files shown in full; beyond, a count. */
const LIST_LIMIT = 200;

/**
 * Uploading photos to an event: `/events/:id/upload` (event fixed, from the events list) or `/upload` (event
 * picked here, `?event=`). Files or whole folders come in through the drop zone, the batch's timeline follows it
 * from the browser's compression to the server's processing (`?batch=` keeps it in the address, to come back
 * to), and the event's batches are listed to watch later. Sending itself lives in UploadSession, so it goes on
 * while the person looks at other pages.
 */
@Component({
  selector: 'app-upload-page',
  imports: [
    DatePipe,
    DecimalPipe,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressSpinnerModule,
    MatSelectModule,
    MatSlideToggleModule,
    PageHeaderComponent,
    EmptyStateComponent,
    DropZone,
    BatchTimeline,
    BatchList,
  ],
  templateUrl: './upload-page.html',
  styleUrl: './upload-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UploadPage implements OnInit {
  /** Route parameter of /events/:id/upload. */
  readonly id = input<string>();
  /** `?event=` of /upload. */
  readonly event = input<string>();
  /** `?batch=`: the batch whose timeline is shown. */
  readonly batch = input<string>();

  private readonly eventsApi = inject(EventsApi);
  private readonly batchesApi = inject(UploadBatchesApi);
  private readonly paymentsApi = inject(PaymentsApi);
  private readonly progress = inject(EventProgressStream);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected readonly session = inject(UploadSession);
  protected readonly preferences = inject(UploadPreferences);
  private readonly dropZone = viewChild(DropZone);

  protected readonly events = signal<EventDto[] | null>(null);
  protected readonly eventsError = signal<string | null>(null);
  protected readonly fixedEvent = computed(() => !!this.id());
  /** Events one can upload to (not archived), newest race first. */
  protected readonly uploadableEvents = computed(() => (this.events() ?? []).filter((event) => event.status !== EventStatus.ARCHIVED));
  protected readonly eventId = computed(() => this.id() ?? this.event() ?? this.defaultEventId());
  protected readonly currentEvent = computed(() => this.events()?.find((event) => event.id === this.eventId()) ?? null);

  protected readonly selection = signal<FileSelection | null>(null);
  protected readonly resumeTarget = signal<UploadManifest | null>(null);
  protected readonly busy = signal(false);
  protected readonly actionError = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly balance = signal<number | null>(null);

  protected readonly batches = signal<UploadBatchDto[] | null>(null);
  protected readonly batchesError = signal<string | null>(null);
  private readonly lives = signal<ReadonlyMap<string, BatchLive>>(new Map());

  /** Unfinished batches of this device: this event's, or every event's on /upload. */
  protected readonly unfinished = computed(() => {
    const eventId = this.eventId();
    return this.session.unfinished().filter((manifest) => !this.fixedEvent() || manifest.eventId === eventId);
  });
  /** The batch this tab is sending, whatever its event: one batch at a time. */
  protected readonly sendingNow = computed(() => {
    const active = this.session.active();
    return active && !isOver(active.snapshot.status) ? active : null;
  });
  protected readonly subtitle = computed(() => {
    const event = this.currentEvent();
    if (this.fixedEvent() && event) return `${event.name} · ${event.location}`;
    return 'Drop a whole memory card: Focus Racer sorts the photos by bib for you.';
  });

  protected readonly watchedId = computed(() => {
    const fromUrl = this.batch();
    if (fromUrl) return fromUrl;
    const active = this.session.active();
    return active && active.eventId === this.eventId() ? active.batchId : null;
  });
  protected readonly watched = computed(() => {
    const id = this.watchedId();
    if (!id) return null;
    const live = this.lives().get(id) ?? null;
    const active = this.session.active();
    const local = active?.batchId === id ? active : null;
    if (!live && !local) return null;
    const rejected = this.session.rejectedOf(id);
    return {
      id,
      label: live?.batch.label ?? local?.label ?? 'Upload',
      stage: live?.batch.stage ?? 'uploading',
      steps: batchTimeline(live, local?.sending ?? null),
      local,
      sendingHere: !!local && !isOver(local.snapshot.status),
      rejected: rejected.slice(0, LIST_LIMIT),
      rejectedCount: rejected.length,
    };
  });
  protected readonly rows = computed<BatchRow[]>(() => {
    const lives = this.lives();
    const active = this.session.active();
    return (this.batches() ?? []).map((batch) => {
      const live = lives.get(batch.id) ?? liveFromBatch(batch);
      const counts = liveCounts(live);
      const sendingHere = active?.batchId === batch.id && !isOver(active.snapshot.status);
      const received = Math.max(counts.received, sendingHere ? active.sending.accepted : 0);
      const finished = counts.processed + counts.failed;
      const total = Math.max(counts.expected, 1);
      return {
        id: batch.id,
        label: batch.label ?? 'Upload',
        createdAt: batch.createdAt,
        stage: live.batch.stage,
        expected: counts.expected,
        received,
        finished,
        failed: counts.failed,
        percent: Math.round(((received + finished) / (2 * total)) * 100),
        selected: batch.id === this.watchedId(),
        sendingHere,
      };
    });
  });

  protected readonly formatBytes = formatBytes;
  protected readonly fromIsoDate = fromIsoDate;
  protected readonly listLimit = LIST_LIMIT;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    // The event's batches and its live progress: re-read on every change of event, the stream closed with the page.
    effect((onCleanup) => {
      const eventId = this.eventId();
      if (!eventId) return;
      untracked(() => {
        this.batches.set(null);
        this.lives.set(new Map());
        this.loadBatches(eventId);
      });
      const subscription = this.progress.watch(eventId).subscribe((message) => this.onProgress(eventId, message));
      onCleanup(() => subscription.unsubscribe());
    });
    // Files answered or a batch finished in this tab: the server's counters follow.
    let seenRevision = this.session.revision();
    effect(() => {
      const revision = this.session.revision();
      if (revision === seenRevision) return;
      seenRevision = revision;
      untracked(() => this.refreshSoon());
    });
    // A batch named in the address that is not among the newest of the list is read on its own.
    effect(() => {
      const id = this.batch();
      const batches = this.batches();
      if (!id || !batches || batches.some((batch) => batch.id === id) || untracked(() => this.lives().has(id))) return;
      untracked(() =>
        this.batchesApi.get(id).subscribe({
          next: (batch) => this.lives.update((lives) => new Map(lives).set(batch.id, liveFromBatch(batch))),
          error: () => undefined,
        }),
      );
    });
    inject(DestroyRef).onDestroy(() => {
      if (this.refreshTimer) clearTimeout(this.refreshTimer);
    });
  }

  ngOnInit(): void {
    this.loadEvents();
  }

  /**
   * Files of an unfinished batch still to send: the device's answers, or the server's count when it got more (the
   * answers of requests on the wire when the tab closed never came back).
   */
  protected remaining(manifest: UploadManifest): number {
    const received = this.lives().get(manifest.batchId)?.batch.counters.received ?? 0;
    return Math.max(0, manifest.plannedFiles - Math.max(manifest.sentKeys.length, received) - manifest.rejected.length);
  }

  protected seconds(ms: number | null): number {
    return Math.max(1, Math.ceil((ms ?? 0) / 1000));
  }

  protected loadEvents(): void {
    this.eventsError.set(null);
    this.eventsApi.listMine().subscribe({
      next: (events) => this.events.set([...events].sort((a, b) => b.date.localeCompare(a.date))),
      error: (error: unknown) => this.eventsError.set(apiErrorMessage(error)),
    });
  }

  protected pickEvent(eventId: string): void {
    this.selection.set(null);
    this.resumeTarget.set(null);
    void this.router.navigate([], { relativeTo: this.route, queryParams: { event: eventId, batch: null }, replaceUrl: true });
  }

  protected setReduce(value: boolean): void {
    this.preferences.setReduce(value);
  }

  protected onPicked(dropped: DroppedFiles): void {
    this.actionError.set(null);
    this.notice.set(null);
    const selection = selectPhotos(dropped.files, dropped.unreadable);
    const target = this.resumeTarget();
    if (target) {
      void this.resume(target, selection);
      return;
    }
    this.selection.set(selection);
    if (selection.photos.length > 0) {
      this.paymentsApi.credits(null, { silent: true }).subscribe({
        next: (overview) => this.balance.set(overview.balance),
        error: () => this.balance.set(null),
      });
    }
  }

  protected clearSelection(): void {
    this.selection.set(null);
    this.actionError.set(null);
  }

  protected async start(): Promise<void> {
    const event = this.currentEvent();
    const selection = this.selection();
    if (!event || !selection || selection.photos.length === 0 || this.busy()) return;
    this.busy.set(true);
    this.actionError.set(null);
    try {
      const batch = await this.session.start(event, selection, this.preferences.reduce());
      this.selection.set(null);
      this.lives.update((lives) => new Map(lives).set(batch.id, liveFromBatch(batch)));
      this.batches.update((batches) => [batch, ...(batches ?? []).filter((item) => item.id !== batch.id)]);
      this.watch(batch.id);
    } catch (error) {
      this.actionError.set(apiErrorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  /** "Choose the folder again" on an unfinished batch: the next pick resumes it. */
  protected chooseAgain(manifest: UploadManifest): void {
    this.resumeTarget.set(manifest);
    this.selection.set(null);
    this.actionError.set(null);
    this.dropZone()?.chooseFolder();
  }

  protected cancelResume(): void {
    this.resumeTarget.set(null);
  }

  protected async forget(manifest: UploadManifest): Promise<void> {
    if (this.resumeTarget()?.batchId === manifest.batchId) this.resumeTarget.set(null);
    await this.session.forget(manifest);
  }

  protected retryNow(): void {
    this.session.retryNow();
  }

  protected stop(): void {
    this.session.stop();
  }

  protected closeTimeline(): void {
    this.session.dismiss();
    void this.router.navigate([], { relativeTo: this.route, queryParams: { batch: null }, queryParamsHandling: 'merge', replaceUrl: true });
  }

  private async resume(manifest: UploadManifest, selection: FileSelection): Promise<void> {
    this.busy.set(true);
    try {
      const outcome = await this.session.resume(manifest, selection);
      this.resumeTarget.set(null);
      const notes = [`Sending the ${format(outcome.toSend)} ${outcome.toSend === 1 ? 'photo' : 'photos'} still to send of "${manifest.label}".`];
      if (outcome.notFound > 0) notes.push(`${format(outcome.notFound)} of the batch were not in what you chose.`);
      if (outcome.notInBatch > 0) notes.push(`${format(outcome.notInBatch)} chosen files are not part of this batch and were left out.`);
      this.notice.set(notes.join(' '));
      if (manifest.eventId !== this.eventId()) {
        void this.router.navigate([], { relativeTo: this.route, queryParams: { event: manifest.eventId, batch: manifest.batchId } });
      } else {
        this.watch(manifest.batchId);
      }
    } catch (error) {
      this.actionError.set(apiErrorMessage(error));
    } finally {
      this.busy.set(false);
    }
  }

  /** Shows the batch's timeline; on /upload the event goes into the address too, so it stays picked. */
  private watch(batchId: string): void {
    const queryParams = this.fixedEvent() ? { batch: batchId } : { batch: batchId, event: this.eventId() };
    void this.router.navigate([], { relativeTo: this.route, queryParams, queryParamsHandling: 'merge', replaceUrl: true });
  }

  private defaultEventId(): string | null {
    const active = this.session.active();
    if (active && !isOver(active.snapshot.status)) return active.eventId;
    const unfinished = this.session.unfinished()[0];
    if (unfinished) return unfinished.eventId;
    return this.uploadableEvents()[0]?.id ?? null;
  }

  private loadBatches(eventId: string): void {
    this.batchesError.set(null);
    this.batchesApi.list(eventId).subscribe({
      next: (batches) => {
        if (this.eventId() !== eventId) return;
        this.batches.set(batches);
        // A fresh read replaces what the frames added since the last one.
        this.lives.update((lives) => {
          const next = new Map(lives);
          for (const batch of batches) next.set(batch.id, liveFromBatch(batch));
          return next;
        });
      },
      error: (error: unknown) => {
        if (this.batches() === null) this.batchesError.set(apiErrorMessage(error));
      },
    });
  }

  private onProgress(eventId: string, message: EventProgressMessage): void {
    if (message.type === 'counters') {
      // The first frame of every (re)connection, then after changes: the moment to re-read the batches.
      this.refreshSoon();
      return;
    }
    const batchId = message.data.batchId;
    if (!batchId) return;
    const live = this.lives().get(batchId);
    if (!live) {
      this.refreshSoon(); // a batch started elsewhere (another tab, another photographer of the event)
      return;
    }
    const next = applyPhotoFrame(live, message.data);
    if (next !== live && eventId === this.eventId()) this.lives.update((lives) => new Map(lives).set(batchId, next));
  }

  private refreshSoon(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      const eventId = this.eventId();
      if (eventId) this.loadBatches(eventId);
    }, REFRESH_MS);
  }
}

function isOver(status: string): boolean {
  return status === 'done' || status === 'stopped';
}

function format(value: number): string {
  return new Intl.NumberFormat('en-GB').format(value);
}
