/** Shape of every error the API returns (one global exception filter produces it). */
export interface ApiError {
  statusCode: number;
  error: string;
  /** A sentence a person understands; for validation errors, one sentence per problem. */
  message: string | string[];
  /** Structured data some errors add, e.g. the row report of a refused start-list import (StartListRejectedError). */
  details?: unknown;
}

/** Offset pagination for admin lists. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Cursor pagination for big photo lists: pass nextCursor back as `cursor`. */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export interface HealthDto {
  status: 'ok' | 'error';
  database: 'up' | 'down';
  redis: 'up' | 'down';
  version: string;
}
