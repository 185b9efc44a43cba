import { BreakpointObserver } from '@angular/cdk/layout';
import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { Page, Role, ROLE_LABELS, UserDto } from '@focus-racer/api-types';
import { apiErrorMessage, EmptyStateComponent, HANDSET_QUERY, PageHeaderComponent } from '@focus-racer/ui';
import { catchError, debounceTime, distinctUntilChanged, map, of, switchMap, tap } from 'rxjs';
import { AdminUsersApi, UserListQuery } from '../api/admin-users-api';

export const PAGE_SIZES = [10, 20, 50, 100];

/** Every account on the platform, paged by the server, filtered by role and searched by name or email. */
@Component({
  selector: 'app-users-page',
  imports: [
    DatePipe,
    DecimalPipe,
    ReactiveFormsModule,
    MatTableModule,
    MatPaginatorModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatIconModule,
    MatButtonModule,
    MatProgressBarModule,
    PageHeaderComponent,
    EmptyStateComponent,
  ],
  templateUrl: './users-page.html',
  styleUrl: './users-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsersPage {
  private readonly api = inject(AdminUsersApi);

  protected readonly roles = Object.values(Role);
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly pageSizes = PAGE_SIZES;
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly roleFilter = new FormControl<Role | null>(null);

  /** 0-based for MatPaginator; the API counts from 1. */
  protected readonly pageIndex = signal(0);
  protected readonly pageSize = signal(20);
  private readonly role = signal<Role | null>(null);
  private readonly q = signal('');
  private readonly attempt = signal(0);

  protected readonly loading = signal(true);
  protected readonly error = signal<string | null>(null);
  protected readonly page = signal<Page<UserDto> | null>(null);
  protected readonly filtered = computed(() => this.role() !== null || this.q() !== '');

  private readonly isHandset = toSignal(
    inject(BreakpointObserver)
      .observe(HANDSET_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  protected readonly columns = computed(() =>
    this.isHandset() ? ['user', 'role'] : ['user', 'role', 'credits', 'stripe', 'createdAt'],
  );

  private readonly query = computed<UserListQuery & { attempt: number }>(() => ({
    page: this.pageIndex() + 1,
    pageSize: this.pageSize(),
    role: this.role(),
    q: this.q(),
    // A new object per attempt, so "Try again" re-runs the same query.
    attempt: this.attempt(),
  }));

  constructor() {
    this.search.valueChanges
      .pipe(debounceTime(300), map((value) => value.trim()), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((q) => {
        this.pageIndex.set(0);
        this.q.set(q);
      });
    this.roleFilter.valueChanges.pipe(takeUntilDestroyed()).subscribe((role) => {
      this.pageIndex.set(0);
      this.role.set(role);
    });
    toObservable(this.query)
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.error.set(null);
        }),
        switchMap((query) =>
          this.api.list(query).pipe(
            map((page) => ({ page, error: null })),
            catchError((error: unknown) => of({ page: null, error: apiErrorMessage(error) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe(({ page, error }) => {
        this.loading.set(false);
        this.error.set(error);
        if (page) {
          this.page.set(page);
        }
      });
  }

  protected onPage(event: PageEvent): void {
    this.pageSize.set(event.pageSize);
    this.pageIndex.set(event.pageIndex);
  }

  protected retry(): void {
    this.attempt.update((n) => n + 1);
  }

  protected clearFilters(): void {
    this.search.setValue('');
    this.roleFilter.setValue(null);
  }

  protected roleLabel(role: Role): string {
    return ROLE_LABELS[role] ?? role;
  }
}
