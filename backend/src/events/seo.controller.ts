import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EventMetaDto } from '@focus-racer/api-types';
import { Public } from '../common/decorators/public.decorator';
import { AppConfig } from '../config/app.config';
import { EventsService } from './events.service';

/**
 * What search engines and link previews read: robots.txt, sitemap.xml (the public site serves both from here)
 * and each event page's title, description and OpenGraph image, which the public site's server writes into the
 * HTML it sends so crawlers that run no JavaScript see them.
 */
@ApiTags('public')
@Public()
@Controller('public')
export class SeoController {
  constructor(
    private readonly events: EventsService,
    private readonly app: AppConfig,
  ) {}

  @Get('robots.txt')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  robots(): string {
    // Favorites and account pages are per person; photo viewer URLs duplicate the event page's content.
    return ['User-agent: *', 'Allow: /', 'Disallow: /favorites', 'Disallow: /login', '', `Sitemap: ${this.url('/sitemap.xml')}`, ''].join('\n');
  }

  @Get('sitemap.xml')
  @Header('Content-Type', 'application/xml; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  async sitemap(): Promise<string> {
    const events = await this.events.listAllPublished();
    const urls = [
      `  <url><loc>${escapeXml(this.url('/'))}</loc><changefreq>daily</changefreq></url>`,
      ...events.map(
        (event) =>
          `  <url><loc>${escapeXml(this.url(`/events/${encodeURIComponent(event.slug)}`))}</loc>` +
          `<lastmod>${new Date(event.updatedAt).toISOString().slice(0, 10)}</lastmod></url>`,
      ),
    ];
    return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
  }

  @Get('events/:slug/meta')
  @ApiOkResponse({ description: 'Title, description, OpenGraph image and canonical URL of a published event page.' })
  async meta(@Param('slug') slug: string): Promise<EventMetaDto> {
    const event = await this.events.getPublishedBySlug(slug);
    const date = new Date(`${event.date}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    const photos = event.photoCount === 1 ? '1 photo' : `${event.photoCount} photos`;
    return {
      title: `${event.name} (${date}) — race photos | Focus Racer`,
      description: `${photos} of ${event.name}, ${event.location}, ${date}. Find yours by bib number, name or selfie and download them in HD.`,
      imageUrl: event.coverUrl ? this.url(event.coverUrl) : null,
      url: this.url(`/events/${encodeURIComponent(event.slug)}`),
    };
  }

  private url(path: string): string {
    return new URL(path, this.app.publicWebUrl).toString();
  }
}

function escapeXml(value: string): string {
  return value.replace(/[<>&'"]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[char] ?? char);
}
