import { DestroyRef, inject, Injectable } from '@angular/core';
import { PhotoDto } from '@focus-racer/api-types';
import { Observable, Subject } from 'rxjs';

const CHANNEL = 'focus-racer.pro.photo-updates';

/**
 * Photos changed by the pro in this app (a bib corrected in triage), told to every page that shows them, in this tab
 * and the app's other tabs: a photos grid open beside triage shows the corrected bibs at once. The pipeline's own
 * changes come through the progress stream instead.
 */
@Injectable({ providedIn: 'root' })
export class PhotoUpdates {
  private readonly subject = new Subject<PhotoDto>();
  readonly changes: Observable<PhotoDto> = this.subject.asObservable();
  private readonly channel: BroadcastChannel | null =
    typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);

  constructor() {
    if (this.channel) {
      this.channel.onmessage = (message: MessageEvent<PhotoDto>) => this.subject.next(message.data);
      inject(DestroyRef).onDestroy(() => this.channel?.close());
    }
  }

  publish(photo: PhotoDto): void {
    this.subject.next(photo);
    this.channel?.postMessage(photo);
  }
}
