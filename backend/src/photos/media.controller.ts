import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../common/decorators/public.decorator';
import { MediaService } from './media.service';

/** Public images (thumbnails, watermarked web versions, covers) at `/api/media/<storage key>`. */
@ApiTags('media')
@Public()
// A gallery page loads a hundred thumbnails at once; the per-IP request limit is for the API, not for images.
@SkipThrottle()
@Controller('media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Get('*key')
  @Header('Cache-Control', 'public, max-age=86400')
  // helmet's default (same-origin) would stop the three web apps, on other origins, from showing the images.
  @Header('Cross-Origin-Resource-Policy', 'cross-origin')
  @ApiOkResponse({ description: 'The image bytes.' })
  @ApiNotFoundResponse({ description: 'No such image, or not public (unpublished event, hidden photo, original).' })
  async serve(@Param('key') key: string | string[]): Promise<StreamableFile> {
    const object = await this.media.openPublic(Array.isArray(key) ? key.join('/') : key);
    return new StreamableFile(object.stream, { type: object.contentType, length: object.size });
  }
}
