import { Controller, Get, Header, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { Public } from '../common/decorators/public.decorator';
import { MediaService } from './media.service';

/**
 * Public images (thumbnails, watermarked web versions, covers) at `/api/media/<storage key>`; with `?exp=&sig=`
 * (links the pro endpoints sign) also the watermarked copies of draft events and hidden photos.
 */
@ApiTags('media')
@Public()
// A gallery page loads a hundred thumbnails at once; the per-IP request limit is for the API, not for images.
@SkipThrottle()
@Controller('media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Get('*key')
  // helmet's default (same-origin) would stop the three web apps, on other origins, from showing the images.
  @Header('Cross-Origin-Resource-Policy', 'cross-origin')
  @ApiOkResponse({ description: 'The image bytes.' })
  @ApiNotFoundResponse({ description: 'No such image, or not public (unpublished event, hidden photo, original) and no valid signature.' })
  async serve(
    @Param('key') key: string | string[],
    @Query('exp') exp: string | undefined,
    @Query('sig') sig: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const object = await this.media.openPublic(Array.isArray(key) ? key.join('/') : key, { exp, sig });
    // A signed copy may be of a draft or hidden photo: only the pro's own browser keeps it, and not past its link.
    res.setHeader('Cache-Control', sig && exp ? `private, max-age=${Math.max(0, Math.min(86_400, Number(exp) - Math.floor(Date.now() / 1000)))}` : 'public, max-age=86400');
    return new StreamableFile(object.stream, { type: object.contentType, length: object.size });
  }
}
