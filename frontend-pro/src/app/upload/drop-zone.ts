import { ChangeDetectionStrategy, Component, ElementRef, input, output, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { DroppedFiles, filesFromDataTransfer, filesFromInput } from './file-selection';

/**
 * Where photos come in: a whole folder or files dropped (folders walked recursively), or chosen with the two
 * buttons (the folder one uses `webkitdirectory`, which every desktop browser supports). It only collects files;
 * the page decides what is a photo.
 */
@Component({
  selector: 'app-drop-zone',
  imports: [MatButtonModule, MatIconModule, MatProgressSpinnerModule],
  template: `
    <section
      class="app-drop"
      [class.app-drop-over]="over()"
      [class.app-drop-disabled]="disabled()"
      [class.app-drop-compact]="compact()"
      data-testid="drop-zone"
      [attr.aria-label]="heading()"
      (dragenter)="onDragOver($event)"
      (dragover)="onDragOver($event)"
      (dragleave)="onDragLeave($event)"
      (drop)="onDrop($event)"
    >
      @if (reading()) {
        <mat-spinner diameter="40" aria-label="Reading the folder" />
        <p class="app-drop-title">Reading the folder…</p>
      } @else if (compact()) {
        <p class="app-drop-hint">Another upload can start once this one is sent.</p>
      } @else {
        <span class="app-drop-icon"><mat-icon aria-hidden="true">{{ icon() }}</mat-icon></span>
        <p class="app-drop-title">{{ heading() }}</p>
        <p class="app-drop-hint">{{ hint() }}</p>
        <div class="app-drop-actions">
          <button mat-flat-button type="button" data-testid="choose-folder" [disabled]="disabled()" (click)="chooseFolder()">
            <mat-icon>folder_open</mat-icon>
            Choose a folder
          </button>
          <button mat-stroked-button type="button" data-testid="choose-files" [disabled]="disabled()" (click)="chooseFiles()">
            <mat-icon>photo_library</mat-icon>
            Choose files
          </button>
        </div>
      }
      <input #filesInput type="file" multiple accept="image/jpeg,.jpg,.jpeg" hidden data-testid="files-input" (change)="onInput($event)" />
      <input #folderInput type="file" multiple webkitdirectory hidden data-testid="folder-input" (change)="onInput($event)" />
    </section>
  `,
  styles: `
    .app-drop {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 8px;
      padding: 32px 16px;
      border: 2px dashed var(--mat-sys-outline);
      border-radius: 16px;
      background: var(--mat-sys-surface);
      text-align: center;
      transition: background-color 120ms, border-color 120ms;
    }
    .app-drop-over {
      border-color: var(--mat-sys-primary);
      background: var(--mat-sys-primary-container);
    }
    .app-drop-disabled {
      opacity: 0.6;
    }
    .app-drop-compact {
      padding: 12px 16px;
    }
    .app-drop-icon {
      display: grid;
      place-items: center;
      width: 64px;
      height: 64px;
      border-radius: 50%;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .app-drop-icon mat-icon {
      width: 32px;
      height: 32px;
      font-size: 32px;
    }
    .app-drop-title {
      margin: 4px 0 0;
      font: var(--mat-sys-title-medium);
    }
    .app-drop-hint {
      margin: 0;
      max-width: 56ch;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
    .app-drop-actions {
      display: flex;
      flex-wrap: wrap;
      justify-content: center;
      gap: 8px;
      margin-top: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DropZone {
  readonly heading = input('Drop a folder of photos here');
  readonly hint = input('');
  readonly icon = input('cloud_upload');
  readonly disabled = input(false);
  /** One line instead of the whole zone (while another batch is being sent). */
  readonly compact = input(false);
  /** Every file of the drop or choice, folders walked; the page sorts photos from the rest. */
  readonly picked = output<DroppedFiles>();

  protected readonly over = signal(false);
  protected readonly reading = signal(false);
  private readonly filesInput = viewChild.required<ElementRef<HTMLInputElement>>('filesInput');
  private readonly folderInput = viewChild.required<ElementRef<HTMLInputElement>>('folderInput');

  chooseFolder(): void {
    this.folderInput().nativeElement.click();
  }

  chooseFiles(): void {
    this.filesInput().nativeElement.click();
  }

  protected onDragOver(event: DragEvent): void {
    if (this.disabled() || !event.dataTransfer?.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    this.over.set(true);
  }

  protected onDragLeave(event: DragEvent): void {
    const to = event.relatedTarget as Node | null;
    if (!to || !(event.currentTarget as HTMLElement).contains(to)) this.over.set(false);
  }

  protected onDrop(event: DragEvent): void {
    event.preventDefault();
    this.over.set(false);
    if (this.disabled() || !event.dataTransfer) return;
    // The entries must be taken now: the browser empties the DataTransfer when this handler returns.
    const walking = filesFromDataTransfer(event.dataTransfer);
    this.reading.set(true);
    walking.then(
      (dropped) => {
        this.reading.set(false);
        this.picked.emit(dropped);
      },
      () => this.reading.set(false),
    );
  }

  protected onInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    const files = input.files ? filesFromInput(input.files) : [];
    // Cleared so that choosing the same folder again (to resume) fires a change.
    input.value = '';
    if (files.length > 0) this.picked.emit({ files, unreadable: [] });
  }
}
