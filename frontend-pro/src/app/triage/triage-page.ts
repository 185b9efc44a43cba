import { HttpErrorResponse } from '@angular/common/http';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  untracked,
  viewChildren,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AbstractControl, FormArray, FormControl, FormGroup, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import {
  BibCorrectionRejected,
  EventDto,
  PhotoBibDto,
  PhotoDto,
  PhotoStatus,
  ReviewDecision,
  StartListEntryDto,
  TriageItemDto,
  TriageReasonCode,
  TriageRunnerDto,
} from '@focus-racer/api-types';
import { apiErrorMessage, EmptyStateComponent, ErrorNotifier, PageHeaderComponent } from '@focus-racer/ui';
import { catchError, debounceTime, filter, firstValueFrom, map, mergeMap, of, Subject } from 'rxjs';
import { EventProgressStream, LIVE_REFRESH_MS } from '../api/event-progress';
import { EventsApi } from '../api/events-api';
import { PhotosApi } from '../api/photos-api';
import { BibChip } from '../photos/bib-chip';
import { PhotoUpdates } from '../photos/photo-updates';
import { bibZoom } from './bib-zoom';

/** What the API accepts as a bib number (BibCorrectionRequest): 1..12 letters, digits or dashes. */
export const BIB_PATTERN = /^[A-Za-z0-9-]{1,12}$/;
export const MAX_BIBS = 20;
/** Fewer photos than this ahead of the current one: the next page is asked for. */
const PREFETCH_AHEAD = 10;
/** Typing pauses this long before the number is looked up in the start list. */
export const LOOKUP_DEBOUNCE_MS = 250;

type Outcome = 'accepted' | 'corrected' | 'skipped';

/** One photo of this session's queue, with what the pro did about it (they may come back to it with ←). */
interface Entry {
  /** This session's own id for the entry (the same photo may come back after a skip). */
  key: number;
  item: TriageItemDto;
  outcome: Outcome | null;
}

type RunnerLookup = { state: 'checking' } | { state: 'found'; runner: TriageRunnerDto } | { state: 'unknown' } | { state: 'error' };

const REASON_ICONS: Record<TriageReasonCode, string> = {
  'low-confidence': 'warning',
  'conflicting-bibs': 'compare_arrows',
  'face-link-below-margin': 'face',
  'no-bib-no-face': 'hide_source',
};

const OUTCOME_LABELS: Record<Outcome, string> = {
  accepted: 'Accepted',
  corrected: 'Corrected',
  skipped: 'Skipped',
};

/** A failed accept or skip, kept on screen with a way back to the photo it was about. */
interface ActionFailure {
  message: string;
  key: number;
}

function distinctBibs(control: AbstractControl): ValidationErrors | null {
  const values = (control.value as string[]).map((value) => value.trim().toLowerCase()).filter(Boolean);
  return new Set(values).size === values.length ? null : { duplicate: true };
}

/**
 * The review queue of an event (`/events/:id/triage`): the photos the machine is unsure about, one at a time, with
 * the bib boxes drawn on the photo and the current one zoomed, the reasons in words and the start-list runner of
 * each bib. Every decision has a key: accept (Enter/A), correct (E), add a bib (N), remove the selected bib (Delete),
 * skip (S/→), back (←). Accept and skip move on at once and report a refusal afterwards; a correction waits for the
 * server, which checks the numbers against the start list and may ask to confirm an unknown one.
 */
@Component({
  selector: 'app-triage-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    PageHeaderComponent,
    EmptyStateComponent,
    BibChip,
  ],
  templateUrl: './triage-page.html',
  styleUrl: './triage-page.scss',
  host: { '(document:keydown)': 'onKey($event)' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TriagePage {
  /** The event id, from the route. */
  readonly id = input.required<string>();

  private readonly api = inject(PhotosApi);
  private readonly eventsApi = inject(EventsApi);
  private readonly updates = inject(PhotoUpdates);
  private readonly notifier = inject(ErrorNotifier);
  private readonly injector = inject(Injector);
  private readonly progress = inject(EventProgressStream);
  private readonly refreshDelay = inject(LIVE_REFRESH_MS);

  protected readonly reasonIcons = REASON_ICONS;
  protected readonly outcomeLabels = OUTCOME_LABELS;
  protected readonly maxBibs = MAX_BIBS;

  protected readonly event = signal<EventDto | null>(null);
  protected readonly entries = signal<Entry[]>([]);
  protected readonly index = signal(0);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);
  private readonly nextCursor = signal<string | null>(null);
  private fetchingMore: Promise<void> | null = null;
  private checking: Promise<void> | null = null;
  /** Photos still in the server's queue (the last page's total, less this session's decisions since). */
  protected readonly remaining = signal<number | null>(null);
  private decisionsInFlight = 0;
  private lastKey = 0;
  protected readonly hasStartList = signal(false);

  protected readonly entry = computed<Entry | null>(() => this.entries()[this.index()] ?? null);
  protected readonly item = computed(() => this.entry()?.item ?? null);
  protected readonly skippedCount = computed(() => this.entries().filter((entry) => entry.outcome === 'skipped').length);
  /** Which bib of the photo is zoomed (and removed by Delete). */
  protected readonly selectedBib = signal(0);
  protected readonly bib = computed<PhotoBibDto | null>(() => this.item()?.photo.bibs[this.selectedBib()] ?? null);
  protected readonly zoom = computed(() => {
    const photo = this.item()?.photo;
    const box = this.bib()?.box;
    return photo && box ? bibZoom(box, photo.width, photo.height) : null;
  });
  protected readonly aspect = computed(() => {
    const photo = this.item()?.photo;
    return photo?.width && photo.height ? `${photo.width} / ${photo.height}` : '3 / 2';
  });

  // Editing the bibs of the current photo.
  protected readonly editing = signal(false);
  protected readonly bibs = new FormArray<FormControl<string>>([], { validators: distinctBibs });
  protected readonly form = new FormGroup({ bibs: this.bibs });
  protected readonly saving = signal(false);
  protected readonly saveError = signal<string | null>(null);
  /** Numbers the start list does not know, as refused by the server; the next save of the same numbers forces. */
  protected readonly unknownBibs = signal<string[]>([]);
  private refusedValues: string | null = null;
  protected readonly lookups = signal<Record<string, RunnerLookup>>({});
  private readonly lookup$ = new Subject<string>();
  private readonly inputs = viewChildren<ElementRef<HTMLInputElement>>('bibInput');

  protected readonly failure = signal<ActionFailure | null>(null);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => {
        this.eventsApi.get(id).subscribe({ next: (event) => this.event.set(event), error: () => undefined });
        void this.start();
      });
    });
    // Live: once the queue is done, a photo the pipeline finishes may be a new one to review.
    effect((onCleanup) => {
      const id = this.id();
      const subscription = untracked(() =>
        this.progress
          .watch(id)
          .pipe(
            filter((message) => message.type === 'photo' && message.data.status === PhotoStatus.PROCESSED),
            debounceTime(this.refreshDelay),
          )
          .subscribe(() => {
            if (!this.loading() && !this.entry() && !this.loadError()) void this.checkForNew();
          }),
      );
      onCleanup(() => subscription.unsubscribe());
    });
    // The zoom starts on the bib a reason is about, else the first.
    effect(() => {
      const item = this.item();
      untracked(() => this.selectedBib.set(item ? firstBibToCheck(item) : 0));
    });
    this.lookup$
      .pipe(
        debounceTime(LOOKUP_DEBOUNCE_MS),
        map((value) => value.trim()),
        filter((value) => BIB_PATTERN.test(value) && this.hasStartList() && !this.lookups()[value.toLowerCase()]),
        mergeMap((value) => {
          this.setLookup(value, { state: 'checking' });
          return this.api.findRunners(this.id(), value).pipe(
            map((page): RunnerLookup => {
              const runner = page.items.find((entry) => entry.bib.toLowerCase() === value.toLowerCase());
              return runner ? { state: 'found', runner: toRunner(runner) } : { state: 'unknown' };
            }),
            catchError(() => of<RunnerLookup>({ state: 'error' })),
            map((lookup) => [value, lookup] as const),
          );
        }),
        takeUntilDestroyed(),
      )
      .subscribe(([value, lookup]) => this.setLookup(value, lookup));
  }

  // ----- Queue ------------------------------------------------------------------------------------------------

  /** Loads the queue from its start (also to come back to the skipped photos). */
  protected async start(): Promise<void> {
    this.loading.set(true);
    this.loadError.set(null);
    this.failure.set(null);
    this.cancelEdit();
    try {
      const page = await firstValueFrom(this.api.triage(this.id()));
      this.entries.set(page.items.map((item) => this.newEntry(item)));
      this.index.set(0);
      this.nextCursor.set(page.nextCursor);
      this.remaining.set(page.total);
      this.hasStartList.set(page.hasStartList);
      this.rememberRunners(page.items);
      this.prefetch();
    } catch (error) {
      this.loadError.set(apiErrorMessage(error));
    } finally {
      this.loading.set(false);
    }
  }

  /** Asks for the next page while enough photos remain ahead, and warms the next photo's image. */
  private prefetch(): void {
    const entries = this.entries();
    const next = entries[this.index() + 1]?.item.photo.webUrl;
    if (next && typeof Image !== 'undefined') new Image().src = next;
    if (entries.length - this.index() - 1 < PREFETCH_AHEAD) void this.fetchMore();
  }

  private fetchMore(): Promise<void> {
    const cursor = this.nextCursor();
    if (!cursor) return Promise.resolve();
    this.fetchingMore ??= (async () => {
      try {
        const page = await firstValueFrom(this.api.triage(this.id(), cursor));
        const known = new Set(this.entries().map((entry) => entry.item.photo.id));
        this.entries.update((entries) => [
          ...entries,
          ...page.items.filter((item) => !known.has(item.photo.id)).map((item) => this.newEntry(item)),
        ]);
        this.nextCursor.set(page.nextCursor);
        this.remaining.set(Math.max(0, page.total - this.decisionsInFlight));
        this.rememberRunners(page.items);
      } catch (error) {
        this.notifier.error(apiErrorMessage(error));
      } finally {
        this.fetchingMore = null;
      }
    })();
    return this.fetchingMore;
  }

  private newEntry(item: TriageItemDto): Entry {
    return { key: ++this.lastKey, item, outcome: null };
  }

  private async advance(): Promise<void> {
    this.cancelEdit();
    this.index.update((index) => index + 1);
    if (this.index() >= this.entries().length) {
      if (this.nextCursor()) await this.fetchMore();
      else await this.checkForNew();
    }
    this.prefetch();
  }

  /**
   * At the end of what was loaded, asks the queue again: the pipeline may have found new uncertain photos meanwhile.
   * Photos this session has already seen (skipped ones included) are not offered again here.
   */
  private checkForNew(): Promise<void> {
    this.checking ??= (async () => {
      try {
        const page = await firstValueFrom(this.api.triage(this.id()));
        const known = new Set(this.entries().map((entry) => entry.item.photo.id));
        const fresh = page.items.filter((item) => !known.has(item.photo.id));
        if (fresh.length > 0) {
          this.entries.update((entries) => [...entries, ...fresh.map((item) => this.newEntry(item))]);
          this.nextCursor.set(page.nextCursor);
          this.rememberRunners(fresh);
        }
        this.remaining.set(Math.max(0, page.total - this.decisionsInFlight));
      } catch {
        // The done state stays; the next pipeline frame or a reload asks again.
      } finally {
        this.checking = null;
      }
    })();
    return this.checking;
  }

  protected previous(): void {
    if (this.index() === 0) return;
    this.cancelEdit();
    this.index.update((index) => index - 1);
  }

  protected next(): void {
    if (this.index() < this.entries().length) void this.advance();
  }

  protected showFailed(): void {
    const failure = this.failure();
    if (!failure) return;
    const at = this.entries().findIndex((entry) => entry.key === failure.key);
    if (at >= 0) this.index.set(at);
    this.failure.set(null);
  }

  /** Records what was done with an entry; `remaining` counts the photos that left the server's queue. */
  private setOutcome(key: number, outcome: Outcome | null, photo?: PhotoDto): void {
    const entry = this.entries().find((e) => e.key === key);
    if (!entry) return;
    const done = (value: Outcome | null) => value === 'accepted' || value === 'corrected';
    if (!done(entry.outcome) && done(outcome)) this.remaining.update((count) => (count === null ? null : Math.max(0, count - 1)));
    if (done(entry.outcome) && !done(outcome)) this.remaining.update((count) => (count === null ? null : count + 1));
    const updated: Entry = { ...entry, item: photo ? { ...entry.item, photo } : entry.item, outcome };
    this.entries.update((entries) => entries.map((e) => (e.key === key ? updated : e)));
  }

  // ----- Decisions --------------------------------------------------------------------------------------------

  protected accept(): void {
    this.decide('accept');
  }

  protected skip(): void {
    this.decide('skip');
  }

  /** Moves on at once; a refusal comes back as a message with a way to return to the photo. */
  private decide(decision: ReviewDecision): void {
    const entry = this.entry();
    if (!entry || this.editing() || this.saving()) return;
    const outcome: Outcome = decision === 'accept' ? 'accepted' : 'skipped';
    const before = entry.outcome;
    const photo = entry.item.photo;
    if (decision === 'accept') this.decisionsInFlight++;
    this.setOutcome(entry.key, outcome);
    this.failure.set(null);
    void this.advance();
    this.api.review(photo.id, decision).subscribe({
      next: (reviewed) => {
        if (decision !== 'accept') return;
        this.decisionsInFlight--;
        this.updates.publish(reviewed ?? { ...photo, needsReview: false, reviewedAt: new Date().toISOString() });
      },
      error: (error: unknown) => {
        if (decision === 'accept') this.decisionsInFlight--;
        this.setOutcome(entry.key, before);
        const verb = decision === 'accept' ? 'accepted' : 'skipped';
        this.failure.set({ message: `${photo.originalFilename} was not ${verb}: ${apiErrorMessage(error)}`, key: entry.key });
      },
    });
  }

  // ----- Corrections ------------------------------------------------------------------------------------------

  /** Opens the editor on the photo's bibs, the cursor in `focus` (a bib's index, or 'new' for an added line). */
  protected edit(focus: number | 'new' = this.selectedBib()): void {
    const item = this.item();
    if (!item || this.saving()) return;
    if (!this.editing()) this.openEditor(item.photo.bibs.map((bib) => bib.number));
    let at = typeof focus === 'number' ? Math.min(focus, this.bibs.length - 1) : -1;
    if (focus === 'new' || at < 0) {
      if (this.bibs.length >= MAX_BIBS) return;
      this.bibs.push(this.bibControl(''));
      at = this.bibs.length - 1;
    }
    this.focusInput(at);
  }

  private openEditor(numbers: string[]): void {
    this.bibs.clear();
    for (const number of numbers) this.bibs.push(this.bibControl(number));
    this.saveError.set(null);
    this.unknownBibs.set([]);
    this.refusedValues = null;
    this.editing.set(true);
  }

  protected addBib(): void {
    this.edit('new');
  }

  protected removeRow(index: number): void {
    this.bibs.removeAt(index);
    this.focusInput(Math.min(index, this.bibs.length - 1));
  }

  protected cancelEdit(): void {
    this.editing.set(false);
    this.bibs.clear();
    this.saveError.set(null);
    this.unknownBibs.set([]);
    this.refusedValues = null;
  }

  /** Delete outside the editor: the selected bib goes, the others stay, and the photo counts as corrected. */
  protected removeSelectedBib(): void {
    const item = this.item();
    const bib = this.bib();
    if (!item || !bib || this.editing() || this.saving()) return;
    const rest = item.photo.bibs.filter((b) => b !== bib).map((b) => b.number);
    void this.send(rest, false);
  }

  protected async save(): Promise<void> {
    if (this.saving()) return;
    this.bibs.markAllAsTouched();
    if (this.bibs.invalid) {
      this.focusInput(this.bibs.controls.findIndex((control) => control.invalid));
      return;
    }
    const bibs = this.bibs.controls.map((control) => control.value.trim());
    const force = this.refusedValues !== null && this.refusedValues === bibs.join('\n');
    await this.send(bibs, force);
  }

  private async send(bibs: string[], force: boolean): Promise<void> {
    const entry = this.entry();
    if (!entry) return;
    this.saving.set(true);
    this.saveError.set(null);
    try {
      const result = await firstValueFrom(this.api.correctBibs(entry.item.photo.id, force ? { bibs, force: true } : { bibs }));
      this.setOutcome(entry.key, 'corrected', result.photo);
      this.updates.publish(result.photo);
      const saved = bibs.length === 0 ? 'No bib on this photo: saved.' : `Saved: ${bibs.join(', ')}.`;
      this.notifier.info(result.unknownBibs.length ? `${saved} Not in the start list: ${result.unknownBibs.join(', ')}.` : saved);
      this.saving.set(false);
      await this.advance();
    } catch (error) {
      this.saving.set(false);
      const unknown = unknownBibsOf(error);
      // Delete from the photo view: the refusal shows in the editor, with the numbers it would have saved.
      if (!this.editing()) this.openEditor(bibs);
      // The API's sentence for unknown numbers speaks of its `force` flag; here the same refusal is said with the key.
      this.saveError.set(unknown.length ? unknownBibsMessage(unknown) : apiErrorMessage(error));
      this.unknownBibs.set(unknown);
      this.refusedValues = unknown.length ? bibs.join('\n') : null;
      const firstUnknown = this.bibs.controls.findIndex((control) => unknown.includes(control.value.trim()));
      this.focusInput(firstUnknown >= 0 ? firstUnknown : 0);
    }
  }

  protected lookupOf(value: string): RunnerLookup | null {
    const key = value.trim().toLowerCase();
    return key ? (this.lookups()[key] ?? null) : null;
  }

  /** "Zoé Dupont · SEF" when the start list knows the number. */
  protected runnerName(number: string): string | null {
    const lookup = this.lookups()[number.trim().toLowerCase()];
    if (lookup?.state !== 'found') return null;
    const { firstName, lastName, category } = lookup.runner;
    return `${firstName} ${lastName}`.trim() + (category ? ` · ${category}` : '');
  }

  private bibControl(value: string): FormControl<string> {
    const control = new FormControl(value, {
      nonNullable: true,
      validators: [Validators.required, Validators.pattern(BIB_PATTERN)],
    });
    control.valueChanges.subscribe((next) => {
      this.lookup$.next(next);
      // A changed number is a new question: the server's refusal of the old one no longer applies.
      if (this.refusedValues !== null) {
        this.refusedValues = null;
        this.unknownBibs.set([]);
        this.saveError.set(null);
      }
    });
    return control;
  }

  private focusInput(index: number): void {
    afterNextRender(() => this.inputs()[index]?.nativeElement.focus(), { injector: this.injector });
  }

  private setLookup(value: string, lookup: RunnerLookup): void {
    this.lookups.update((lookups) => ({ ...lookups, [value.toLowerCase()]: lookup }));
  }

  private rememberRunners(items: TriageItemDto[]): void {
    this.lookups.update((lookups) => {
      const next = { ...lookups };
      for (const item of items) {
        for (const runner of item.runners) next[runner.bib.toLowerCase()] = { state: 'found', runner };
      }
      return next;
    });
  }

  protected selectBib(index: number): void {
    this.selectedBib.set(index);
  }

  // ----- Keyboard ---------------------------------------------------------------------------------------------

  protected onKey(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target instanceof HTMLElement ? event.target : null;
    // A dialog or menu above the page has the keyboard.
    if (target?.closest('.cdk-overlay-container')) return;
    if (this.editing()) {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.cancelEdit();
      }
      return;
    }
    // A key pressed right after Esc may still find the closed editor's input focused, until the page renders again.
    if (target?.closest('input, textarea, select, [contenteditable="true"]') && !target.closest('.app-editor')) return;
    const onControl = !!target?.closest('button, a');
    const bibs = this.item()?.photo.bibs.length ?? 0;
    const handled = (() => {
      switch (event.key) {
        case 'Enter':
          // Enter on a focused button presses that button.
          if (onControl) return false;
          this.accept();
          return true;
        case 'a':
        case 'A':
          this.accept();
          return true;
        case 'e':
        case 'E':
          this.edit();
          return true;
        case 'n':
        case 'N':
          this.addBib();
          return true;
        case 'Delete':
        case 'Backspace':
          this.removeSelectedBib();
          return true;
        case 's':
        case 'S':
        case 'ArrowRight':
          this.skip();
          return true;
        case 'ArrowLeft':
          this.previous();
          return true;
        case 'ArrowDown':
          if (bibs > 1) this.selectedBib.update((index) => (index + 1) % bibs);
          return bibs > 1;
        case 'ArrowUp':
          if (bibs > 1) this.selectedBib.update((index) => (index - 1 + bibs) % bibs);
          return bibs > 1;
        default:
          return false;
      }
    })();
    if (handled) event.preventDefault();
  }
}

/** The bib a reason names (the doubtful reading), else the first one. */
function firstBibToCheck(item: TriageItemDto): number {
  for (const reason of item.reasons) {
    const at = reason.bib === null ? -1 : item.photo.bibs.findIndex((bib) => bib.number === reason.bib);
    if (at >= 0) return at;
  }
  return 0;
}

function toRunner(entry: StartListEntryDto): TriageRunnerDto {
  return { bib: entry.bib, firstName: entry.firstName, lastName: entry.lastName, category: entry.category, club: entry.club };
}

function unknownBibsMessage(unknown: string[]): string {
  const list = unknown.join(', ');
  return `${unknown.length === 1 ? `${list} is` : `${list} are`} not in the start list.`;
}

function unknownBibsOf(error: unknown): string[] {
  if (!(error instanceof HttpErrorResponse) || error.status !== 422) return [];
  const details = (error.error as { details?: Partial<BibCorrectionRejected> } | null)?.details;
  return Array.isArray(details?.unknownBibs) ? details.unknownBibs : [];
}
