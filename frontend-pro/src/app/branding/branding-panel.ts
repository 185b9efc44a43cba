import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, signal, untracked } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSliderModule } from '@angular/material/slider';
import {
  BRANDING_LOGO_MAX_BYTES,
  BrandingPreviewRequest,
  EventBranding,
  EventDto,
  UpdateEventBrandingResponse,
  WATERMARK_OPACITY_MAX,
  WATERMARK_OPACITY_MIN,
  WATERMARK_POSITIONS,
  WATERMARK_TEXT_MAX_LENGTH,
  WatermarkPosition,
} from '@focus-racer/api-types';
import { apiErrorMessage, ErrorNotifier } from '@focus-racer/ui';
import { catchError, debounceTime, filter, map, merge, of, startWith, Subject, switchMap, tap } from 'rxjs';
import { EventBrandingApi } from '../api/event-branding-api';
import { confirmAction } from '../events/confirm-dialog';
import { EventDetailStore } from '../events/event-detail-store';
import { imageFileProblem } from '../events/image-file';

/** Quiet time after the last change before a preview is asked for: a slider drag is one request, not fifty. */
export const BRANDING_PREVIEW_DEBOUNCE_MS = 400;

const LOGO_TYPES = ['image/png', 'image/jpeg'];

export const POSITION_LABELS: Record<WatermarkPosition, string> = {
  tiled: 'Tiled over the photo',
  'bottom-right': 'Bottom right',
  center: 'Centre',
};

type PreviewState = { status: 'loading' } | { status: 'ready'; url: string } | { status: 'failed'; message: string };

/**
 * The branding tab (owner): the watermark text, its opacity and position, and a logo, drawn by the API on a sample
 * photo as the person types (debounced; nothing is saved until Save). Saving re-renders the public copies of the
 * event's photos, and says how many.
 */
@Component({
  selector: 'app-branding-panel',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    MatSliderModule,
  ],
  templateUrl: './branding-panel.html',
  styleUrl: './branding-panel.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BrandingPanel {
  protected readonly store = inject(EventDetailStore);
  private readonly api = inject(EventBrandingApi);
  private readonly notifier = inject(ErrorNotifier);
  private readonly dialog = inject(MatDialog);

  protected readonly event = this.store.event;
  protected readonly positions = WATERMARK_POSITIONS;
  protected readonly positionLabels = POSITION_LABELS;
  protected readonly limits = {
    textMax: WATERMARK_TEXT_MAX_LENGTH,
    opacityMin: WATERMARK_OPACITY_MIN,
    opacityMax: WATERMARK_OPACITY_MAX,
    logoMaxMb: BRANDING_LOGO_MAX_BYTES / 1024 / 1024,
  };

  protected readonly form = inject(NonNullableFormBuilder).group({
    watermarkText: ['', [Validators.maxLength(WATERMARK_TEXT_MAX_LENGTH)]],
    watermarkOpacity: [0.45, [Validators.min(WATERMARK_OPACITY_MIN), Validators.max(WATERMARK_OPACITY_MAX)]],
    watermarkPosition: ['tiled' as WatermarkPosition],
  });
  private readonly formValue = toSignal(this.form.valueChanges.pipe(map(() => this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });
  protected readonly opacityPercent = computed(() => Math.round(this.formValue().watermarkOpacity * 100));

  /** What is saved, to tell whether the form has changes. */
  private readonly saved = signal<EventBranding | null>(null);
  protected readonly changed = computed(() => {
    const saved = this.saved();
    const value = this.formValue();
    return (
      !!saved &&
      ((saved.watermarkText ?? '') !== value.watermarkText.trim() ||
        Math.abs(saved.watermarkOpacity - value.watermarkOpacity) > 0.001 ||
        saved.watermarkPosition !== value.watermarkPosition)
    );
  });

  protected readonly preview = signal<PreviewState>({ status: 'loading' });
  protected readonly previewUrl = computed(() => {
    const preview = this.preview();
    return preview.status === 'ready' ? preview.url : null;
  });
  protected readonly previewError = computed(() => {
    const preview = this.preview();
    return preview.status === 'failed' ? preview.message : null;
  });
  protected readonly saving = signal(false);
  protected readonly saveError = signal<string | null>(null);
  /** After a save: how many photos are being re-rendered. */
  protected readonly savedNote = signal<string | null>(null);
  protected readonly logoBusy = signal(false);
  protected readonly logoError = signal<string | null>(null);
  /** The logo changed: draw the preview again with it. */
  private readonly redraw$ = new Subject<void>();
  /** A preview request is on its way (the last image stays shown, dimmed). */
  protected readonly previewLoading = signal(false);

  constructor() {
    let filledFor: string | null = null;
    effect(() => {
      const event = this.event();
      if (event && event.id !== filledFor) {
        filledFor = event.id;
        untracked(() => this.fill(event.branding));
      }
    });

    // The live preview: one request per pause in the changes; a newer request cancels the older one.
    merge(this.form.valueChanges, this.redraw$)
      .pipe(
        startWith(null),
        debounceTime(BRANDING_PREVIEW_DEBOUNCE_MS),
        map(() => this.event()),
        filter((event): event is EventDto => this.form.valid && !!event),
        tap(() => {
          if (this.preview().status === 'failed') this.preview.set({ status: 'loading' });
          this.previewLoading.set(true);
        }),
        switchMap((event) =>
          this.api.preview(event.id, this.previewRequest(this.form.getRawValue())).pipe(
            map((blob): PreviewState => ({ status: 'ready', url: URL.createObjectURL(blob) })),
            catchError((error: unknown) => of<PreviewState>({ status: 'failed', message: apiErrorMessage(error) })),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => {
        this.previewLoading.set(false);
        this.showPreview(state);
      });
    inject(DestroyRef).onDestroy(() => this.showPreview({ status: 'loading' }));
  }

  private previewRequest(value: ReturnType<typeof this.form.getRawValue>): BrandingPreviewRequest {
    return {
      watermarkText: value.watermarkText.trim() || null,
      watermarkOpacity: value.watermarkOpacity,
      watermarkPosition: value.watermarkPosition,
    };
  }

  private showPreview(state: PreviewState): void {
    const previous = this.preview();
    if (previous.status === 'ready' && (state.status !== 'ready' || state.url !== previous.url)) {
      URL.revokeObjectURL(previous.url);
    }
    this.preview.set(state);
  }

  private fill(branding: EventBranding): void {
    this.saved.set(branding);
    this.form.reset({
      watermarkText: branding.watermarkText ?? '',
      watermarkOpacity: branding.watermarkOpacity,
      watermarkPosition: branding.watermarkPosition,
    });
  }

  protected formatOpacity(value: number): string {
    return `${Math.round(value * 100)}%`;
  }

  protected undo(): void {
    const saved = this.saved();
    if (saved) this.fill(saved);
  }

  protected save(): void {
    const event = this.event();
    if (!event || this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.saveError.set(null);
    this.savedNote.set(null);
    this.api.update(event.id, this.previewRequest(this.form.getRawValue())).subscribe({
      next: (response) => {
        this.saving.set(false);
        this.applied(response, 'Watermark saved.');
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.saveError.set(apiErrorMessage(error));
      },
    });
  }

  protected pickLogo(input: HTMLInputElement): void {
    const file = input.files?.[0] ?? null;
    input.value = '';
    const event = this.event();
    if (!file || !event) return;
    const problem = imageFileProblem(file, LOGO_TYPES, BRANDING_LOGO_MAX_BYTES, 'PNG or JPEG');
    this.logoError.set(problem);
    if (problem) return;
    this.logoBusy.set(true);
    this.api.uploadLogo(event.id, file).subscribe({
      next: (response) => {
        this.logoBusy.set(false);
        this.applied(response, 'Logo saved.');
      },
      error: (error: unknown) => {
        this.logoBusy.set(false);
        this.logoError.set(apiErrorMessage(error));
      },
    });
  }

  protected removeLogo(): void {
    const event = this.event();
    if (!event || this.logoBusy()) return;
    confirmAction(this.dialog, {
      title: 'Remove the logo?',
      message: 'The public copies of the photos are drawn again with the watermark text only.',
      confirm: 'Remove',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        tap(() => {
          this.logoBusy.set(true);
          this.logoError.set(null);
        }),
        switchMap(() => this.api.removeLogo(event.id)),
      )
      .subscribe({
        next: (response) => {
          this.logoBusy.set(false);
          this.applied(response, 'Logo removed.');
        },
        error: (error: unknown) => {
          this.logoBusy.set(false);
          this.logoError.set(apiErrorMessage(error));
        },
      });
  }

  /**
   * A save, a logo upload or removal: the store follows and the person reads what happens to the photos. After a
   * logo change, watermark edits not yet saved stay in the form.
   */
  private applied(response: UpdateEventBrandingResponse, message: string): void {
    const logoOnly = message !== 'Watermark saved.';
    const editing = logoOnly && this.changed() ? this.form.getRawValue() : null;
    this.store.set(response.event);
    this.fill(response.event.branding);
    if (editing) this.form.setValue(editing);
    if (logoOnly) this.redraw$.next();
    const n = response.derivativesQueued;
    this.savedNote.set(
      n === 0
        ? 'Saved. There is no photo yet: photos uploaded from now on get this watermark.'
        : `Saved. ${n} photo${n === 1 ? ' is' : 's are'} being re-rendered with the new watermark; runners see it within a few minutes.`,
    );
    this.notifier.info(message);
  }
}
