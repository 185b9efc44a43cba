import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { RouterLink } from '@angular/router';
import { FavoritePhotoDto } from '@focus-racer/api-types';
import { apiErrorMessage, AuthService, EmptyStateComponent, PageHeaderComponent } from '@focus-racer/ui';
import { catchError, filter, map, of, startWith, switchMap } from 'rxjs';
import { photoSrcset } from '../gallery/gallery-layout';
import { Favorites } from './favorites';

type FavoritesState =
  | { status: 'loading' }
  | { status: 'ready'; photos: FavoritePhotoDto[] }
  | { status: 'error'; message: string };

/** The runner's favorite photos, grouped by race; a visitor is told they are kept on this device only. */
@Component({
  selector: 'app-favorites-page',
  imports: [RouterLink, MatButtonModule, MatIconModule, MatProgressSpinnerModule, EmptyStateComponent, PageHeaderComponent],
  templateUrl: './favorites-page.html',
  styleUrl: './favorites-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FavoritesPage {
  protected readonly auth = inject(AuthService);
  protected readonly favorites = inject(Favorites);
  protected readonly state = signal<FavoritesState>({ status: 'loading' });
  protected readonly srcset = photoSrcset;

  /** Photos still marked (a heart removed here hides the photo at once), grouped by race in list order. */
  protected readonly groups = computed(() => {
    const state = this.state();
    if (state.status !== 'ready') return [];
    const ids = this.favorites.ids();
    const groups = new Map<string, { slug: string; name: string; photos: FavoritePhotoDto[] }>();
    for (const photo of state.photos) {
      if (!ids.has(photo.id)) continue;
      const group = groups.get(photo.eventSlug) ?? { slug: photo.eventSlug, name: photo.eventName, photos: [] };
      group.photos.push(photo);
      groups.set(photo.eventSlug, group);
    }
    return [...groups.values()];
  });

  constructor() {
    // Reloads when the runner signs in or out (the list moves between the device and the account), once any
    // merge of the device's favorites into the account is done.
    toObservable(computed(() => ({ userId: this.auth.user()?.id ?? null, merging: this.favorites.merging() })))
      .pipe(
        filter(({ merging }) => !merging),
        switchMap(() =>
          this.favorites.photos().pipe(
            map((photos): FavoritesState => ({ status: 'ready', photos })),
            catchError((error: unknown) => of<FavoritesState>({ status: 'error', message: apiErrorMessage(error) })),
            startWith<FavoritesState>({ status: 'loading' }),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.state.set(state));
  }
}
