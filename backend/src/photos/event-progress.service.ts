import { Injectable } from '@nestjs/common';
import { BibSource, EventProgressCounters, EventProgressMessageType, PhotoStatus } from '@focus-racer/api-types';
import { Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { AuthUser } from '../common/decorators/current-user.decorator';
import { PhotoProgressSubscriber } from './photo-progress.subscriber';
import { PhotosService } from './photos.service';

export const PROGRESS_COUNTERS_INTERVAL_MS = 500;
export const PROGRESS_HEARTBEAT_MS = 15_000;

/** One Server-Sent Events message, or a comment (kept open by proxies, ignored by EventSource). */
export type ProgressFrame = { type: EventProgressMessageType; data: unknown } | { comment: string };

/**
 * An event's live progress for the pro app: the counters, then each stage a photo finishes (published by the worker
 * on Redis), with the counters refreshed at most every PROGRESS_COUNTERS_INTERVAL_MS however fast photos go.
 */
@Injectable()
export class EventProgressService {
  constructor(
    private readonly photos: PhotosService,
    private readonly subscriber: PhotoProgressSubscriber,
    private readonly dataSource: DataSource,
  ) {}

  /** 404 unless the user may upload to the event (owner, assigned photographer, ADMIN); checked before streaming. */
  async stream(user: AuthUser, eventId: string): Promise<Observable<ProgressFrame>> {
    await this.photos.findUploadable(user, eventId);
    return new Observable<ProgressFrame>((subscriber) => {
      let closed = false;
      let stop: (() => Promise<void>) | null = null;
      let lastCounters = 0;
      let pending: NodeJS.Timeout | null = null;
      const sendCounters = () => {
        pending = null;
        lastCounters = Date.now();
        this.counters(eventId).then(
          (counters) => !closed && subscriber.next({ type: 'counters', data: counters }),
          (error: unknown) => !closed && subscriber.error(error),
        );
      };
      const heartbeat = setInterval(() => subscriber.next({ comment: 'heartbeat' }), PROGRESS_HEARTBEAT_MS);
      this.subscriber
        .listen(eventId, (progress) => {
          subscriber.next({ type: 'photo', data: progress });
          if (pending) return;
          pending = setTimeout(sendCounters, Math.max(0, lastCounters + PROGRESS_COUNTERS_INTERVAL_MS - Date.now()));
        })
        .then(
          (unsubscribe) => {
            // Subscribed first, counted second: a stage finishing in between is in the counters or in a message.
            if (closed) void unsubscribe();
            else {
              stop = unsubscribe;
              sendCounters();
            }
          },
          (error: unknown) => subscriber.error(error),
        );
      return () => {
        closed = true;
        clearInterval(heartbeat);
        if (pending) clearTimeout(pending);
        void stop?.();
      };
    });
  }

  /** The event's counters in one query. */
  async counters(eventId: string): Promise<EventProgressCounters> {
    const [row] = (await this.dataSource.query(
      `SELECT count(*)::int AS uploaded,
              count(*) FILTER (WHERE p.status = $2)::int AS processed,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM bib_numbers b WHERE b.photo_id = p.id))::int AS "withBibs",
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM bib_numbers b WHERE b.photo_id = p.id AND b.source = $3))::int AS "linkedByFace",
              count(*) FILTER (WHERE p.duplicate_of_id IS NOT NULL)::int AS duplicates,
              count(*) FILTER (WHERE p.is_blurry)::int AS blurry,
              count(*) FILTER (WHERE p.status = $4)::int AS failed,
              count(*) FILTER (WHERE p.status IN ($5, $6))::int AS processing
         FROM photos p
        WHERE p.event_id = $1`,
      [eventId, PhotoStatus.PROCESSED, BibSource.FACE_LINK, PhotoStatus.FAILED, PhotoStatus.UPLOADED, PhotoStatus.PROCESSING],
    )) as EventProgressCounters[];
    return row;
  }
}
