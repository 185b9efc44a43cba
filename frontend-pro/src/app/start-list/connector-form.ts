import { DatePipe } from '@angular/common';
import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  START_LIST_PROVIDERS,
  StartListConnectorBody,
  StartListConnectorDto,
  StartListImportResult,
  StartListProvider,
  StartListRejectedError,
  StartListReport,
} from '@focus-racer/api-types';
import { apiErrorMessage, ErrorNotifier } from '@focus-racer/ui';
import { filter, startWith, switchMap, tap } from 'rxjs';
import { StartListApi } from '../api/start-list-api';
import { confirmAction } from '../events/confirm-dialog';
import { StartListReportView } from './start-list-report';
import { describeImport, PROVIDER_ID_LABELS, PROVIDER_LABELS } from './start-list-words';

/** The API's rule for the platform's race id (StartListConnectorRequest). */
const EXTERNAL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

/**
 * The registration platform connector of an event (owner): which platform and race, the API key (write-only: only
 * its hint comes back), then Sync to pull the start list, with progress, the result and the row report.
 */
@Component({
  selector: 'app-connector-form',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    StartListReportView,
  ],
  templateUrl: './connector-form.html',
  styleUrl: './connector-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConnectorForm {
  readonly eventId = input.required<string>();
  readonly synced = output<StartListImportResult>();

  private readonly api = inject(StartListApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(ErrorNotifier);

  protected readonly providers = START_LIST_PROVIDERS;
  protected readonly providerLabels = PROVIDER_LABELS;
  protected readonly idLabels = PROVIDER_ID_LABELS;

  /** undefined while reading, null when none is set up. */
  protected readonly connector = signal<StartListConnectorDto | null | undefined>(undefined);
  protected readonly loadError = signal<string | null>(null);
  protected readonly form = inject(NonNullableFormBuilder).group({
    provider: ['njuko' as StartListProvider, [Validators.required]],
    externalEventId: ['', [Validators.required, Validators.pattern(EXTERNAL_ID_PATTERN)]],
    apiKey: ['', [Validators.maxLength(512), Validators.pattern(/^\S*$/)]],
  });
  private readonly provider = toSignal(
    this.form.controls.provider.valueChanges.pipe(startWith(this.form.controls.provider.value)),
    { requireSync: true },
  );
  /** A new connector, or another platform: the key must be typed; otherwise it is kept when left empty. */
  protected readonly keyRequired = computed(() => {
    const connector = this.connector();
    return !connector || connector.provider !== this.provider();
  });

  protected readonly saving = signal(false);
  protected readonly saveError = signal<string | null>(null);
  protected readonly syncing = signal(false);
  protected readonly syncError = signal<string | null>(null);
  protected readonly syncReport = signal<StartListReport | null>(null);
  protected readonly syncResult = signal<StartListImportResult | null>(null);
  protected readonly skipInvalidRows = signal(false);
  protected readonly syncResultText = computed(() => {
    const result = this.syncResult();
    return result ? describeImport(result) : '';
  });
  protected readonly lastSyncText = computed(() => {
    const last = this.connector()?.lastSyncResult;
    return last ? describeImport(last) : '';
  });

  constructor() {
    effect(() => {
      const id = this.eventId();
      untracked(() => this.load(id));
    });
  }

  private load(eventId: string): void {
    this.connector.set(undefined);
    this.loadError.set(null);
    this.api.getConnector(eventId).subscribe({
      next: (connector) => this.show(connector),
      error: (error: unknown) => {
        if (error instanceof HttpErrorResponse && error.status === 404) {
          this.show(null);
        } else {
          this.loadError.set(apiErrorMessage(error));
        }
      },
    });
  }

  private show(connector: StartListConnectorDto | null): void {
    this.connector.set(connector);
    this.form.reset({
      provider: connector?.provider ?? 'njuko',
      externalEventId: connector?.externalEventId ?? '',
      apiKey: '',
    });
  }

  protected save(): void {
    if (this.saving()) return;
    const { provider, externalEventId, apiKey } = this.form.getRawValue();
    if (this.keyRequired() && !apiKey.trim()) {
      this.form.controls.apiKey.setErrors({ required: true });
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const body: StartListConnectorBody = { provider, externalEventId: externalEventId.trim() };
    if (apiKey.trim()) body.apiKey = apiKey.trim();
    this.saving.set(true);
    this.saveError.set(null);
    this.api.saveConnector(this.eventId(), body).subscribe({
      next: (connector) => {
        this.saving.set(false);
        this.show(connector);
        this.notifier.info(`${PROVIDER_LABELS[connector.provider]} connected. Sync to pull the start list.`);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.saveError.set(apiErrorMessage(error));
      },
    });
  }

  protected sync(): void {
    if (this.syncing() || !this.connector()) return;
    this.syncing.set(true);
    this.syncError.set(null);
    this.syncReport.set(null);
    this.syncResult.set(null);
    this.api.sync(this.eventId(), { skipInvalidRows: this.skipInvalidRows() }).subscribe({
      next: (result) => {
        this.syncing.set(false);
        this.syncResult.set(result);
        this.synced.emit(result);
        // lastSyncAt and lastSyncResult changed.
        this.api.getConnector(this.eventId()).subscribe({ next: (c) => this.connector.set(c), error: () => undefined });
      },
      error: (error: unknown) => {
        this.syncing.set(false);
        this.syncError.set(apiErrorMessage(error));
        if (error instanceof HttpErrorResponse && error.status === 422) {
          this.syncReport.set((error.error as Partial<StartListRejectedError> | null)?.details?.report ?? null);
        }
      },
    });
  }

  protected remove(): void {
    const connector = this.connector();
    if (!connector) return;
    confirmAction(this.dialog, {
      title: `Disconnect ${PROVIDER_LABELS[connector.provider]}?`,
      message: 'The API key is deleted. Runners already imported stay in the start list.',
      confirm: 'Disconnect',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        tap(() => this.saving.set(true)),
        switchMap(() => this.api.deleteConnector(this.eventId())),
      )
      .subscribe({
        next: () => {
          this.saving.set(false);
          this.syncResult.set(null);
          this.show(null);
          this.notifier.info('Disconnected.');
        },
        error: () => this.saving.set(false),
      });
  }
}
