import { ChangeDetectionStrategy, Component, effect, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { toDataURL } from 'qrcode';

/** Pixels of the downloaded PNG: sharp on a printed A4 poster or a slide. */
const PNG_SIZE = 1024;

/**
 * The QR code of a link, drawn in the browser (no service sees the link), shown small and downloadable as a PNG
 * for posters, bib envelopes and the race's social posts.
 */
@Component({
  selector: 'app-qr-code',
  imports: [MatButtonModule, MatIconModule],
  template: `
    @if (dataUrl(); as url) {
      <img class="app-qr" [src]="url" [alt]="'QR code of ' + link()" width="176" height="176" data-testid="qr-code" />
      <a mat-stroked-button [href]="url" [attr.download]="fileName()" data-testid="qr-download">
        <mat-icon>download</mat-icon>
        Download PNG
      </a>
    } @else if (failed()) {
      <p class="app-qr-failed" role="status">The QR code could not be drawn in this browser; share the link instead.</p>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 8px;
    }
    .app-qr {
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      image-rendering: pixelated;
    }
    .app-qr-failed {
      max-width: 24ch;
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class QrCode {
  readonly link = input.required<string>();
  /** Without the .png. */
  readonly name = input('qr-code');

  protected readonly dataUrl = signal<string | null>(null);
  protected readonly failed = signal(false);
  protected fileName(): string {
    return `${this.name()}.png`;
  }

  constructor() {
    effect(() => {
      const link = this.link();
      this.failed.set(false);
      toDataURL(link, { width: PNG_SIZE, margin: 2, errorCorrectionLevel: 'M' }).then(
        (url) => {
          if (link === this.link()) this.dataUrl.set(url);
        },
        () => this.failed.set(true),
      );
    });
  }
}
