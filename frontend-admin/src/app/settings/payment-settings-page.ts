import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl, NonNullableFormBuilder, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { PaymentMode, PaymentSettingsDto, splitOrder } from '@focus-racer/api-types';
import {
  apiErrorMessage,
  centsToMoneyInput,
  ErrorNotifier,
  formatMoney,
  moneyValidator,
  PageHeaderComponent,
  parseMoneyInput,
} from '@focus-racer/ui';
import { forkJoin, startWith } from 'rxjs';
import { AdminPaymentsApi } from '../api/admin-payments-api';

/** The API's bounds (PaymentSettingsBody). */
export const MAX_SERVICE_FEE_CENTS = 10_000;
export const MAX_COMMISSION_PERCENT = 50;
/** The example priced live under the form. */
export const EXAMPLE_PACK_CENTS = 1500;

const PERCENT = /^\d{1,2}(?:[.,]\d{1,2})?$/;

/** "7,5" → 7.5; null when it is not a percentage with at most two decimals. */
export function parsePercent(text: string): number | null {
  const value = text.trim();
  if (!PERCENT.test(value)) return null;
  const [units, decimals = ''] = value.replace(',', '.').split('.');
  return (Number(units) * 100 + Number(decimals.padEnd(2, '0'))) / 100;
}

function percentValidator(control: AbstractControl): ValidationErrors | null {
  const text = String(control.value ?? '').trim();
  if (text === '') return null;
  const percent = parsePercent(text);
  if (percent === null) return { percent: true };
  return percent > MAX_COMMISSION_PERCENT ? { percentMax: true } : null;
}

/**
 * `/settings/payments`: the platform's fees on photo orders. The service fee is paid by the runner once per order;
 * the commission is a share of the photos' price. Both apply to orders placed after saving.
 */
@Component({
  selector: 'app-payment-settings-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    PageHeaderComponent,
  ],
  templateUrl: './payment-settings-page.html',
  styleUrl: './payment-settings-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PaymentSettingsPage implements OnInit {
  private readonly api = inject(AdminPaymentsApi);
  private readonly notifier = inject(ErrorNotifier);

  protected readonly maxFee = formatMoney(MAX_SERVICE_FEE_CENTS);
  protected readonly maxPercent = MAX_COMMISSION_PERCENT;
  protected readonly mode = signal<PaymentMode | null>(null);
  protected readonly loaded = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly serverError = signal<string | null>(null);
  protected readonly savedMessage = signal<string | null>(null);
  private saved: PaymentSettingsDto | null = null;

  protected readonly form = inject(NonNullableFormBuilder).group({
    serviceFee: ['', [Validators.required, moneyValidator({ minCents: 0, maxCents: MAX_SERVICE_FEE_CENTS })]],
    commission: ['', [Validators.required, percentValidator]],
  });

  private readonly values = toSignal(this.form.valueChanges.pipe(startWith(this.form.getRawValue())), {
    initialValue: this.form.getRawValue(),
  });

  /** "a €15 pack → runner pays €16.00, platform keeps €1.00, photographer receives €15.00 minus Stripe's fee". */
  protected readonly example = computed(() => {
    const { serviceFee, commission } = this.values();
    const serviceFeeCents = parseMoneyInput(serviceFee ?? '');
    const commissionPercent = parsePercent(commission ?? '');
    if (serviceFeeCents === null || commissionPercent === null || commissionPercent > MAX_COMMISSION_PERCENT) return null;
    const split = splitOrder(EXAMPLE_PACK_CENTS, { serviceFeeCents, commissionPercent });
    return {
      pack: formatMoney(EXAMPLE_PACK_CENTS),
      runnerPays: formatMoney(split.totalCents),
      platformKeeps: formatMoney(split.platformFeeCents),
      photographerReceives: formatMoney(split.netCents),
    };
  });

  constructor() {
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.savedMessage.set(null));
  }

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    this.loadError.set(null);
    forkJoin({ settings: this.api.settings(), config: this.api.config() }).subscribe({
      next: ({ settings, config }) => {
        this.mode.set(config.mode);
        this.reset(settings);
        this.loaded.set(true);
      },
      error: (error: unknown) => this.loadError.set(apiErrorMessage(error)),
    });
  }

  protected save(): void {
    this.serverError.set(null);
    this.savedMessage.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { serviceFee, commission } = this.form.getRawValue();
    const settings: PaymentSettingsDto = {
      serviceFeeCents: parseMoneyInput(serviceFee) as number,
      commissionPercent: parsePercent(commission) as number,
    };
    this.saving.set(true);
    this.form.disable({ emitEvent: false });
    this.api.updateSettings(settings).subscribe({
      next: (stored) => {
        this.saving.set(false);
        this.form.enable({ emitEvent: false });
        this.reset(stored);
        this.savedMessage.set('Saved. New orders use these fees; orders already placed keep theirs.');
        this.notifier.info('Payment settings saved.');
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.form.enable({ emitEvent: false });
        this.serverError.set(apiErrorMessage(error));
      },
    });
  }

  protected discardChanges(): void {
    if (this.saved) this.reset(this.saved);
  }

  private reset(settings: PaymentSettingsDto): void {
    this.saved = settings;
    this.form.setValue({
      serviceFee: centsToMoneyInput(settings.serviceFeeCents),
      commission: String(settings.commissionPercent),
    });
    this.form.markAsPristine();
    this.form.markAsUntouched();
  }
}
