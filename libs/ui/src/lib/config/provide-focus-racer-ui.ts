import { EnvironmentProviders, inject, makeEnvironmentProviders, provideAppInitializer } from '@angular/core';
import { DateAdapter, MAT_DATE_LOCALE, provideNativeDateAdapter } from '@angular/material/core';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS, MatFormFieldDefaultOptions } from '@angular/material/form-field';
import { MatIconRegistry } from '@angular/material/icon';
import { AuthService } from '../auth/auth.service';
import { FOCUS_RACER_APP_CONFIG, FocusRacerAppConfig } from './app-config';
import { DayFirstDateAdapter } from './day-first-date-adapter';

/**
 * Everything the shared UI needs in an app: its configuration, Material defaults, the self-hosted Material
 * Symbols icon font, and the session restored before the first navigation so guards see who is signed in.
 * The app still provides HttpClient itself with `withInterceptors([errorInterceptor, authInterceptor])`.
 */
export function provideFocusRacerUi(config: FocusRacerAppConfig): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: FOCUS_RACER_APP_CONFIG, useValue: config },
    {
      provide: MAT_FORM_FIELD_DEFAULT_OPTIONS,
      useValue: { appearance: 'outline', subscriptSizing: 'dynamic' } satisfies MatFormFieldDefaultOptions,
    },
    provideNativeDateAdapter(),
    // Races and their organisers are mostly European: day/month/year in date pickers, not the US default.
    { provide: MAT_DATE_LOCALE, useValue: 'en-GB' },
    { provide: DateAdapter, useClass: DayFirstDateAdapter },
    provideAppInitializer(() => {
      inject(MatIconRegistry).setDefaultFontSetClass('material-symbols-outlined');
      return inject(AuthService).restoreSession();
    }),
  ]);
}
