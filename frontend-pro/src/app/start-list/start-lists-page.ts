import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { EventDto } from '@focus-racer/api-types';
import { apiErrorMessage, EmptyStateComponent, fromIsoDate, PageHeaderComponent } from '@focus-racer/ui';
import { catchError, forkJoin, map, of, switchMap } from 'rxjs';
import { EventsApi } from '../api/events-api';
import { StartListApi } from '../api/start-list-api';

interface RaceStartList {
  event: EventDto;
  /** null when the count could not be read. */
  runners: number | null;
}

/**
 * The organizer's start lists (`/start-lists`): each race with its number of runners, leading to the race's start
 * list tab where it is imported (CSV, Njuko, KMS) and searched.
 */
@Component({
  selector: 'app-start-lists-page',
  imports: [DatePipe, RouterLink, MatButtonModule, MatIconModule, MatProgressSpinnerModule, MatTableModule, PageHeaderComponent, EmptyStateComponent],
  template: `
    <fr-page-header heading="Start lists" subtitle="Import each race's runners so they are told by email when their photos are ready." />
    @if (loadError(); as message) {
      <div class="fr-alert fr-alert-error" role="alert">
        <mat-icon aria-hidden="true">error</mat-icon>
        <span>{{ message }}</span>
        <button mat-button type="button" class="app-push" (click)="load()">Try again</button>
      </div>
    } @else if (rows(); as list) {
      @if (list.length === 0) {
        <fr-empty-state testId="start-lists-empty" icon="format_list_numbered" heading="No race yet" description="Create your race first; then import its start list from a CSV file, Njuko or KMS.">
          <a mat-stroked-button routerLink="/events"><mat-icon>add</mat-icon>Go to my races</a>
        </fr-empty-state>
      } @else {
        <div class="app-table-card">
          <table mat-table [dataSource]="list" aria-label="Start lists of your races" data-testid="start-lists">
            <ng-container matColumnDef="name">
              <th mat-header-cell *matHeaderCellDef scope="col">Race</th>
              <td mat-cell *matCellDef="let row">
                <div class="app-name">{{ row.event.name }}</div>
                <div class="app-sub">{{ fromIsoDate(row.event.date) | date: 'mediumDate' }} · {{ row.event.location }}</div>
              </td>
            </ng-container>
            <ng-container matColumnDef="runners">
              <th mat-header-cell *matHeaderCellDef scope="col" class="app-num">Runners</th>
              <td mat-cell *matCellDef="let row" class="app-num" data-testid="start-lists-runners">
                @if (row.runners === null) {
                  —
                } @else if (row.runners === 0) {
                  <span class="app-chip app-chip-warn">None yet</span>
                } @else {
                  {{ row.runners }}
                }
              </td>
            </ng-container>
            <ng-container matColumnDef="actions">
              <th mat-header-cell *matHeaderCellDef scope="col"><span class="cdk-visually-hidden">Actions</span></th>
              <td mat-cell *matCellDef="let row" class="app-actions">
                <a mat-button [routerLink]="['/events', row.event.id, 'start-list']" [attr.aria-label]="'Start list of ' + row.event.name">
                  {{ row.runners ? 'Open' : 'Import' }}
                  <mat-icon iconPositionEnd>arrow_forward</mat-icon>
                </a>
              </td>
            </ng-container>
            <tr mat-header-row *matHeaderRowDef="columns"></tr>
            <tr mat-row *matRowDef="let row; columns: columns" data-testid="start-lists-row"></tr>
          </table>
        </div>
      }
    } @else {
      <div class="fr-loading" role="status" aria-label="Loading your races"><mat-spinner diameter="40" /></div>
    }
  `,
  styles: `
    .app-name {
      font: var(--mat-sys-title-small);
    }
    .app-sub {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .app-actions {
      text-align: right;
      white-space: nowrap;
    }
    .fr-alert .app-push {
      margin-left: auto;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StartListsPage {
  private readonly eventsApi = inject(EventsApi);
  private readonly startListApi = inject(StartListApi);

  protected readonly rows = signal<RaceStartList[] | null>(null);
  protected readonly loadError = signal<string | null>(null);
  protected readonly columns = ['name', 'runners', 'actions'];
  protected readonly fromIsoDate = fromIsoDate;

  constructor() {
    this.load();
  }

  protected load(): void {
    this.loadError.set(null);
    this.rows.set(null);
    this.eventsApi
      .listMine()
      .pipe(
        map((events) => events.filter((e) => e.access === 'owner').sort((a, b) => b.date.localeCompare(a.date))),
        switchMap((events) =>
          events.length === 0
            ? of([])
            : forkJoin(
                events.map((event) =>
                  this.startListApi.list(event.id, { pageSize: 1 }).pipe(
                    map((page): RaceStartList => ({ event, runners: page.total })),
                    catchError(() => of<RaceStartList>({ event, runners: null })),
                  ),
                ),
              ),
        ),
      )
      .subscribe({
        next: (rows) => this.rows.set(rows),
        error: (error: unknown) => this.loadError.set(apiErrorMessage(error)),
      });
  }
}
