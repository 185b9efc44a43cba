import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { BreakpointObserver } from '@angular/cdk/layout';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { EventDto, Page, StartListEntryDto } from '@focus-racer/api-types';
import { apiErrorMessage, EmptyStateComponent, ErrorNotifier } from '@focus-racer/ui';
import { debounceTime, distinctUntilChanged, filter, map, Subject, Subscription, switchMap, tap } from 'rxjs';
import { StartListApi } from '../api/start-list-api';
import { confirmAction } from '../events/confirm-dialog';
import { EventDetailStore } from '../events/event-detail-store';
import { ConnectorForm } from './connector-form';
import { CsvImport } from './csv-import';

export const START_LIST_PAGE_SIZE = 25;
const NARROW_QUERY = '(max-width: 1099.98px)';

/**
 * The start list of an event: the runners (searched by bib or name, paged), a CSV import and, for the owner, the
 * registration platform connector and clearing the list. Photographers invited to the race read and add runners.
 */
@Component({
  selector: 'app-start-list-panel',
  imports: [
    FormsModule,
    MatButtonModule,
    MatExpansionModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatTableModule,
    EmptyStateComponent,
    CsvImport,
    ConnectorForm,
  ],
  templateUrl: './start-list-panel.html',
  styleUrl: './start-list-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StartListPanel {
  /** Given when used outside an event page; inside one, the page's event. */
  readonly eventInput = input<EventDto | null>(null, { alias: 'event' });

  private readonly store = inject(EventDetailStore, { optional: true });
  private readonly api = inject(StartListApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(ErrorNotifier);

  protected readonly event = computed(() => this.eventInput() ?? this.store?.event() ?? null);
  protected readonly isOwner = computed(() => this.event()?.access === 'owner');
  protected readonly pageSize = START_LIST_PAGE_SIZE;

  protected readonly page = signal<Page<StartListEntryDto> | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly query = signal('');
  protected readonly pageIndex = signal(0);
  protected readonly clearing = signal(false);
  /** Whether the import panel is open: at once when the list is empty. */
  protected readonly importOpen = signal(false);

  /** Beside the navigation on a tablet, the club and chip time make room for the name and email. */
  private readonly narrow = toSignal(inject(BreakpointObserver).observe(NARROW_QUERY).pipe(map((s) => s.matches)), {
    initialValue: false,
  });
  protected readonly columns = computed(() => {
    const columns = this.narrow() ? ['bib', 'name', 'category', 'email'] : ['bib', 'name', 'category', 'club', 'email', 'chipTime'];
    return this.isOwner() ? columns : columns.filter((column) => column !== 'email');
  });
  protected readonly emptyText = computed(() =>
    this.isOwner()
      ? "Import the start list from a CSV file (any registration platform's export), or connect Njuko or KMS below. Runners are then told by email when their photos are ready."
      : 'Import the start list from a CSV file below, or ask the organizer to connect the registration platform.',
  );
  /** The list as a whole is empty (not only the search). */
  protected readonly listEmpty = computed(() => this.page()?.total === 0 && !this.query());

  private readonly search$ = new Subject<string>();
  private request: Subscription | null = null;

  constructor() {
    effect(() => {
      const event = this.event();
      if (event) untracked(() => this.load());
    });
    this.search$
      .pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((q) => {
        this.query.set(q);
        this.pageIndex.set(0);
        this.load();
      });
  }

  protected search(q: string): void {
    this.search$.next(q.trim());
  }

  protected changePage(event: PageEvent): void {
    this.pageIndex.set(event.pageIndex);
    this.load();
  }

  protected load(): void {
    const event = this.event();
    if (!event) return;
    this.loading.set(true);
    this.loadError.set(null);
    this.request?.unsubscribe();
    this.request = this.api
      .list(event.id, { q: this.query() || undefined, page: this.pageIndex() + 1, pageSize: this.pageSize })
      .subscribe({
        next: (page) => {
          this.loading.set(false);
          this.page.set(page);
          if (page.total === 0 && !this.query()) this.importOpen.set(true);
        },
        error: (error: unknown) => {
          this.loading.set(false);
          this.loadError.set(apiErrorMessage(error));
        },
      });
  }

  /** After an import or a sync: the list from its first page. */
  protected changed(): void {
    this.pageIndex.set(0);
    this.load();
  }

  protected clear(): void {
    const event = this.event();
    const total = this.page()?.total ?? 0;
    if (!event || this.clearing()) return;
    confirmAction(this.dialog, {
      title: 'Clear the start list?',
      message: `The ${total} runners are removed. Photos keep the bibs read on them, but runners are no longer told by email when their photos are ready.`,
      confirm: 'Clear the list',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        tap(() => this.clearing.set(true)),
        switchMap(() => this.api.clear(event.id)),
      )
      .subscribe({
        next: (result) => {
          this.clearing.set(false);
          this.notifier.info(`${result.removed} runners removed.`);
          this.query.set('');
          this.changed();
        },
        error: () => this.clearing.set(false),
      });
  }

  protected fullName(entry: StartListEntryDto): string {
    return [entry.firstName, entry.lastName].filter(Boolean).join(' ');
  }
}
