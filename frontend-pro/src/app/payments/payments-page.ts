import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, Router } from '@angular/router';
import { ConnectStatusDto, PaymentMode } from '@focus-racer/api-types';
import { apiErrorMessage, PageHeaderComponent } from '@focus-racer/ui';
import { PaymentsApi } from '../api/payments-api';
import { BrowserLocation } from './browser-location';
import { PaymentsStatus } from './payments-status';
import { SalesPanel } from './sales-panel';
import { TestModeBadge } from './test-mode-badge';

/** Where the pro stands with Stripe Connect. */
export type OnboardingState = 'not-started' | 'in-progress' | 'ready';

export function onboardingStateOf(status: ConnectStatusDto): OnboardingState {
  if (status.onboarded) return 'ready';
  return status.accountId ? 'in-progress' : 'not-started';
}

interface Notice {
  kind: 'success' | 'warn' | 'info';
  text: string;
}

/**
 * `/payments`: getting paid (Stripe Connect onboarding, sent away to Stripe and back with `?onboarding=return`, or
 * `?onboarding=refresh` when the link expired) and what was sold (SalesPanel).
 */
@Component({
  selector: 'app-payments-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    PageHeaderComponent,
    SalesPanel,
    TestModeBadge,
  ],
  templateUrl: './payments-page.html',
  styleUrl: './payments-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PaymentsPage implements OnInit {
  private readonly api = inject(PaymentsApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly location = inject(BrowserLocation);
  private readonly sharedStatus = inject(PaymentsStatus);

  protected readonly status = signal<ConnectStatusDto | null>(null);
  protected readonly statusError = signal<string | null>(null);
  protected readonly mode = signal<PaymentMode | null>(null);
  protected readonly state = computed(() => {
    const status = this.status();
    return status ? onboardingStateOf(status) : null;
  });
  /** Asking the API for an onboarding link; the browser leaves the app once it has one. */
  protected readonly opening = signal(false);
  protected readonly linkError = signal<string | null>(null);
  protected readonly notice = signal<Notice | null>(null);

  ngOnInit(): void {
    const onboarding = this.route.snapshot.queryParamMap.get('onboarding');
    if (onboarding) {
      // Handled once: a reload or a bookmark of this address must not run it again.
      void this.router.navigate([], {
        relativeTo: this.route,
        queryParams: { onboarding: null },
        queryParamsHandling: 'merge',
        replaceUrl: true,
      });
    }
    if (onboarding === 'refresh') {
      this.notice.set({ kind: 'info', text: 'Your Stripe link expired. Opening a new one…' });
      this.openOnboarding();
    }
    this.loadStatus(onboarding === 'return');
    this.api.config().subscribe({ next: (config) => this.mode.set(config.mode), error: () => undefined });
  }

  protected loadStatus(returning = false): void {
    this.statusError.set(null);
    this.api.connectStatus({ silent: true }).subscribe({
      next: (status) => {
        this.status.set(status);
        this.mode.set(status.mode);
        this.sharedStatus.connect.set(status);
        if (returning) this.notice.set(this.returnNotice(status));
      },
      error: (error: unknown) => this.statusError.set(apiErrorMessage(error)),
    });
  }

  /** Asks for a fresh single-use onboarding link and sends the browser there. */
  protected openOnboarding(): void {
    if (this.opening()) return;
    this.opening.set(true);
    this.linkError.set(null);
    this.api.onboardingLink().subscribe({
      next: ({ url }) => this.location.assign(url),
      error: (error: unknown) => {
        this.opening.set(false);
        this.notice.set(null);
        this.linkError.set(apiErrorMessage(error));
      },
    });
  }

  private returnNotice(status: ConnectStatusDto): Notice {
    if (status.onboarded) {
      return { kind: 'success', text: 'Payments are set up. Runners can now buy your photos.' };
    }
    return {
      kind: 'warn',
      text: 'Stripe still needs some details before runners can buy your photos. Continue onboarding when you are ready.',
    };
  }
}
