import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormArray, FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { RouterLink } from '@angular/router';
import {
  EventDto,
  PaymentsPublicConfigDto,
  PricePackDto,
  PricePackKind,
  splitOrder,
} from '@focus-racer/api-types';
import {
  apiErrorMessage,
  currencySymbol,
  EmptyStateComponent,
  ErrorNotifier,
  formatMoney,
  PageHeaderComponent,
  parseMoneyInput,
} from '@focus-racer/ui';
import { forkJoin } from 'rxjs';
import { EventsApi } from '../api/events-api';
import { PaymentsApi } from '../api/payments-api';
import { PricePacksApi } from '../api/price-packs-api';
import { TestModeBadge } from '../payments/test-mode-badge';
import {
  CURRENCIES,
  distinctPacks,
  lockSavedKind,
  MAX_NAME_LENGTH,
  MAX_PACK_PHOTOS,
  MAX_PACKS,
  MAX_PRICE_CENTS,
  MIN_PACK_PHOTOS,
  MIN_PRICE_CENTS,
  PACK_KIND_HINTS,
  PACK_KIND_LABELS,
  PACK_KINDS,
  packGroup,
  PackGroup,
  packGroupsOf,
  packInput,
  SUGGESTED_PACKS,
} from './price-pack-form';

type PackValue = ReturnType<PackGroup['getRawValue']>;

/** What one pack means in money, for the line under it. */
export interface PackAmounts {
  runnerPays: string;
  youReceive: string;
  /** PACK: price of one photo inside it. */
  perPhoto: string | null;
  /** A pack dearer than the same number of single photos: runners will not pick it. */
  dearerThanSingles: string | null;
}

/**
 * The prices of one event (`/events/:id/prices`): the packs runners can buy, edited as a whole and saved in one PUT
 * that replaces the offer. Each pack shows what the runner pays and what the owner receives with the platform's
 * current fees, so nobody has to do the arithmetic.
 */
@Component({
  selector: 'app-price-packs-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    MatSelectModule,
    MatSlideToggleModule,
    PageHeaderComponent,
    EmptyStateComponent,
    TestModeBadge,
  ],
  templateUrl: './price-packs-page.html',
  styleUrl: './price-packs-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PricePacksPage implements OnInit {
  /** The event id, from the route (`withComponentInputBinding`). */
  readonly id = input.required<string>();

  private readonly eventsApi = inject(EventsApi);
  private readonly packsApi = inject(PricePacksApi);
  private readonly paymentsApi = inject(PaymentsApi);
  private readonly notifier = inject(ErrorNotifier);

  protected readonly kinds = PACK_KINDS;
  protected readonly kindLabels = PACK_KIND_LABELS;
  protected readonly kindHints = PACK_KIND_HINTS;
  protected readonly currencies = CURRENCIES;
  protected readonly PACK = PricePackKind.PACK;
  protected readonly limits = {
    minPrice: formatMoney(MIN_PRICE_CENTS),
    maxPrice: formatMoney(MAX_PRICE_CENTS),
    minPhotos: MIN_PACK_PHOTOS,
    maxPhotos: MAX_PACK_PHOTOS,
    maxName: MAX_NAME_LENGTH,
    maxPacks: MAX_PACKS,
  };

  protected readonly event = signal<EventDto | null>(null);
  protected readonly config = signal<PaymentsPublicConfigDto | null>(null);
  protected readonly configError = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly saving = signal(false);
  protected readonly serverError = signal<string | null>(null);
  protected readonly submitted = signal(false);
  protected readonly savedMessage = signal<string | null>(null);
  /** The offer as last read from or saved to the server, for "Discard changes". */
  private saved: PricePackDto[] = [];

  protected readonly packs = new FormArray<PackGroup>([], { validators: distinctPacks });
  protected readonly form = new FormGroup({
    currency: new FormControl('EUR', { nonNullable: true, validators: Validators.required }),
    packs: this.packs,
  });
  /** The form's values as a signal, so each pack's amounts follow what is typed. */
  private readonly values = signal<{ currency: string; packs: PackValue[] }>({ currency: 'EUR', packs: [] });
  protected readonly currency = computed(() => this.values().currency);
  protected readonly currencyPrefix = computed(() => currencySymbol(this.currency()));

  protected readonly feeNote = computed(() => {
    const config = this.config();
    if (!config) return null;
    const fee = formatMoney(config.serviceFeeCents, this.currency());
    const commission =
      config.commissionPercent > 0
        ? ` The platform also keeps ${config.commissionPercent}% of your prices.`
        : ' The platform takes no commission on your prices.';
    return `Runners pay a service fee of ${fee} once per order, however many photos it holds; it goes to the platform.${commission} Stripe then takes its processing fee from what you receive.`;
  });

  constructor() {
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.syncValues());
  }

  ngOnInit(): void {
    this.load();
  }

  protected load(): void {
    this.loadError.set(null);
    this.event.set(null);
    forkJoin({ event: this.eventsApi.get(this.id()), packs: this.packsApi.list(this.id()) }).subscribe({
      next: ({ event, packs }) => {
        this.reset(packs);
        this.event.set(event);
      },
      error: (error: unknown) => this.loadError.set(apiErrorMessage(error)),
    });
    this.configError.set(false);
    this.paymentsApi.config().subscribe({
      next: (config) => this.config.set(config),
      error: () => this.configError.set(true),
    });
  }

  /** Runner pays / you receive for pack `index`, or null while its price is not a valid amount. */
  protected amounts(index: number): PackAmounts | null {
    const config = this.config();
    const { packs, currency } = this.values();
    const pack = packs[index];
    const priceCents = pack ? parseMoneyInput(pack.price) : null;
    if (!config || !pack || priceCents === null) return null;
    const split = splitOrder(priceCents, config);
    const count = pack.kind === PricePackKind.PACK ? Number(pack.photoCount) : 0;
    const single = packs.find((p) => p.active && p.kind === PricePackKind.SINGLE);
    const singleCents = single ? parseMoneyInput(single.price) : null;
    return {
      runnerPays: formatMoney(split.totalCents, currency),
      youReceive: formatMoney(split.netCents, currency),
      perPhoto: count >= MIN_PACK_PHOTOS ? formatMoney(Math.round(priceCents / count), currency) : null,
      dearerThanSingles:
        count >= MIN_PACK_PHOTOS && pack.active && singleCents !== null && priceCents >= singleCents * count
          ? `${count} single photos cost ${formatMoney(singleCents * count, currency)}: runners will not choose this pack.`
          : null,
    };
  }

  protected addPack(): void {
    const used = new Set(this.packs.getRawValue().map((pack) => pack.kind));
    const kind = [PricePackKind.SINGLE, PricePackKind.PACK, PricePackKind.ALL_MY_PHOTOS].find((k) => !used.has(k)) ?? PricePackKind.PACK;
    this.packs.push(packGroup({ kind }));
    this.form.markAsDirty();
  }

  protected useSuggestedPacks(): void {
    for (const pack of SUGGESTED_PACKS) {
      this.packs.push(packGroup(pack));
    }
    this.form.markAsDirty();
  }

  protected removePack(index: number): void {
    this.packs.removeAt(index);
    this.form.markAsDirty();
  }

  protected movePack(index: number, delta: -1 | 1): void {
    const target = index + delta;
    if (target < 0 || target >= this.packs.length) return;
    const group = this.packs.at(index);
    this.packs.removeAt(index, { emitEvent: false });
    this.packs.insert(target, group);
    this.form.markAsDirty();
  }

  protected discardChanges(): void {
    this.reset(this.saved);
  }

  protected save(): void {
    this.submitted.set(true);
    this.serverError.set(null);
    this.savedMessage.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const update = {
      currency: this.form.controls.currency.value,
      packs: this.packs.controls.map((group) => packInput(group)),
    };
    this.setBusy(true);
    this.packsApi.replace(this.id(), update).subscribe({
      next: (packs) => {
        this.setBusy(false);
        this.reset(packs);
        const retired = packs.filter((pack) => !pack.active).length;
        const message =
          packs.some((pack) => pack.active)
            ? 'Prices saved. Runners see them on the event page now.'
            : 'Prices saved. No price is offered: runners cannot buy photos of this event.';
        this.savedMessage.set(retired ? `${message} Inactive prices stay listed because runners already bought them or you turned them off.` : message);
        this.notifier.info('Prices saved.');
      },
      error: (error: unknown) => {
        this.setBusy(false);
        this.serverError.set(apiErrorMessage(error));
      },
    });
  }

  protected formErrors(): string[] {
    return (this.packs.errors?.['distinctPacks'] as string[] | undefined) ?? [];
  }

  private reset(packs: PricePackDto[]): void {
    this.saved = packs;
    this.packs.clear({ emitEvent: false });
    for (const group of packGroupsOf(packs)) {
      this.packs.push(group, { emitEvent: false });
    }
    this.form.controls.currency.setValue(packs.find((pack) => pack.active)?.currency ?? packs[0]?.currency ?? 'EUR', { emitEvent: false });
    this.packs.updateValueAndValidity({ emitEvent: false });
    this.form.markAsPristine();
    this.form.markAsUntouched();
    this.submitted.set(false);
    this.syncValues();
  }

  /** The form is read-only while a save is on its way. */
  private setBusy(busy: boolean): void {
    this.saving.set(busy);
    if (busy) {
      this.form.disable({ emitEvent: false });
    } else {
      this.form.enable({ emitEvent: false });
      this.packs.controls.forEach(lockSavedKind);
    }
  }

  private syncValues(): void {
    this.values.set({ currency: this.form.controls.currency.value, packs: this.packs.getRawValue() });
  }
}
