import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { Page, Role, UserDto } from '@focus-racer/api-types';
import { Observable } from 'rxjs';

export interface UserListQuery {
  /** 1-based, as the API counts pages. */
  page: number;
  pageSize: number;
  role?: Role | null;
  q?: string;
}

/** The admin console's client for accounts (GET /api/admin/users, ADMIN only). */
@Injectable({ providedIn: 'root' })
export class AdminUsersApi {
  private readonly http = inject(HttpClient);

  list(query: UserListQuery): Observable<Page<UserDto>> {
    let params = new HttpParams().set('page', query.page).set('pageSize', query.pageSize);
    if (query.role) {
      params = params.set('role', query.role);
    }
    const q = query.q?.trim();
    if (q) {
      params = params.set('q', q);
    }
    return this.http.get<Page<UserDto>>('/api/admin/users', { params });
  }
}
