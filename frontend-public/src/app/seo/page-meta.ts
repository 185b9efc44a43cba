import { DOCUMENT } from '@angular/common';
import { inject, Injectable } from '@angular/core';
import { Meta, Title } from '@angular/platform-browser';
import { EventMetaDto } from '@focus-racer/api-types';

const DEFAULT_DESCRIPTION = 'Find and buy your race photos by bib number on Focus Racer.';

/**
 * Title, description, canonical link and OpenGraph tags of the page being shown. Crawlers get the same tags in
 * the HTML itself (scripts/serve-apps.mjs injects them from `GET /api/public/events/:slug/meta`); this keeps them
 * right for people who navigate inside the app and then share or bookmark.
 */
@Injectable({ providedIn: 'root' })
export class PageMeta {
  private readonly title = inject(Title);
  private readonly meta = inject(Meta);
  private readonly document = inject(DOCUMENT);

  set(page: EventMetaDto): void {
    this.title.setTitle(page.title);
    this.meta.updateTag({ name: 'description', content: page.description });
    this.meta.updateTag({ property: 'og:type', content: 'website' });
    this.meta.updateTag({ property: 'og:title', content: page.title });
    this.meta.updateTag({ property: 'og:description', content: page.description });
    this.meta.updateTag({ property: 'og:url', content: page.url });
    if (page.imageUrl) {
      this.meta.updateTag({ property: 'og:image', content: page.imageUrl });
      this.meta.updateTag({ name: 'twitter:card', content: 'summary_large_image' });
    } else {
      this.meta.removeTag('property="og:image"');
      this.meta.removeTag('name="twitter:card"');
    }
    this.canonical().setAttribute('href', page.url);
  }

  /** Back to the site's generic description (the route's own title is set by the router). */
  reset(): void {
    this.meta.updateTag({ name: 'description', content: DEFAULT_DESCRIPTION });
    for (const property of ['og:type', 'og:title', 'og:description', 'og:url', 'og:image']) {
      this.meta.removeTag(`property="${property}"`);
    }
    this.meta.removeTag('name="twitter:card"');
    this.document.head.querySelector('link[rel="canonical"]')?.remove();
  }

  private canonical(): HTMLLinkElement {
    let link = this.document.head.querySelector<HTMLLinkElement>('link[rel="canonical"]');
    if (!link) {
      link = this.document.createElement('link');
      link.rel = 'canonical';
      this.document.head.appendChild(link);
    }
    return link;
  }
}
