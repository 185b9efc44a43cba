import { BadRequestException, Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CursorPage, FavoritePhotoDto, PublicPhotoDto, SearchResponse } from '@focus-racer/api-types';
import type { Request } from 'express';
import { Public } from '../../common/decorators/public.decorator';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { GalleryQueryDto, PhotoFeedbackBody, PhotoIdsBody, SearchQueryDto, SelfieQueryDto } from './dto/public-search.dto';
import { PhotoSearchService, Viewer } from './photo-search.service';
import { PublicGalleryService } from './public-gallery.service';
import { RunnerPhotosService } from './runner-photos.service';
import { readSelfie, SELFIE_CONSENT_MESSAGE, SELFIE_FIELD } from './selfie-upload';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a UUID') });

function viewerOf(user: AuthUser | undefined, deviceId: string | undefined): Viewer {
  return user ? { userId: user.id } : { deviceId };
}

/** What runners use without an account: an event's gallery, the three searches, single photos, feedback. */
@ApiTags('public')
@Public({ optionalUser: true })
@Controller('public')
export class PublicPhotosController {
  constructor(
    private readonly gallery: PublicGalleryService,
    private readonly search: PhotoSearchService,
    private readonly runnerPhotos: RunnerPhotosService,
  ) {}

  @Get('events/:slug/photos')
  @ApiOkResponse({ description: 'A page of the gallery (cursor pagination, 100 per page).' })
  @ApiNotFoundResponse({ description: 'No published event with this slug.' })
  photos(@Param('slug') slug: string, @Query() query: GalleryQueryDto): Promise<CursorPage<PublicPhotoDto>> {
    return this.gallery.gallery(slug, query.cursor, query.limit);
  }

  @Get('events/:slug/search')
  @ApiOkResponse({ description: 'Photos matching a bib or a name, best first, each with why it matched.' })
  find(@Param('slug') slug: string, @Query() query: SearchQueryDto, @CurrentUser() user?: AuthUser): Promise<SearchResponse> {
    const viewer = viewerOf(user, query.viewer);
    if (query.bib && query.name) throw new BadRequestException('Search by bib or by name, not both at once');
    if (query.bib) return this.search.byBib(slug, query.bib, viewer);
    if (query.name) return this.search.byName(slug, query.name, viewer);
    throw new BadRequestException('Give a bib number (bib=1234) or a name (name=dupont) to search for');
  }

  @Post('events/:slug/search/selfie')
  @HttpCode(HttpStatus.OK)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: [SELFIE_FIELD, 'consent'],
      properties: { [SELFIE_FIELD]: { type: 'string', format: 'binary' }, consent: { type: 'string', enum: ['true'] } },
    },
  })
  @ApiOkResponse({ description: 'Photos whose faces look like the selfie, best first. The selfie is not stored.' })
  @ApiUnprocessableEntityResponse({ description: 'No face found in the selfie, or not an image.' })
  async selfie(
    @Param('slug') slug: string,
    @Query() query: SelfieQueryDto,
    @Req() request: Request,
    @CurrentUser() user?: AuthUser,
  ): Promise<SearchResponse> {
    const upload = await readSelfie(request);
    if (!upload.consent) throw new BadRequestException(SELFIE_CONSENT_MESSAGE);
    return this.search.bySelfie(slug, upload.image, viewerOf(user, query.viewer));
  }

  @Get('photos/:id')
  @ApiOkResponse({ description: 'One public photo with its event (viewer share links).' })
  @ApiNotFoundResponse({ description: 'Unknown photo, hidden, or its event is not published.' })
  photo(@Param('id', uuid) id: string): Promise<FavoritePhotoDto> {
    return this.gallery.photo(id);
  }

  @Post('photos/lookup')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'The public photos among these ids, in the order given (anonymous favorites).' })
  lookup(@Body() body: PhotoIdsBody): Promise<FavoritePhotoDto[]> {
    return this.gallery.lookup(body.photoIds);
  }

  @Post('photos/:id/feedback')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Recorded; a "not me" hides the photo from this viewer’s results.' })
  feedback(@Param('id', uuid) id: string, @Body() body: PhotoFeedbackBody, @CurrentUser() user?: AuthUser): Promise<void> {
    return this.runnerPhotos.giveFeedback(id, body, viewerOf(user, body.viewer));
  }
}
