import { BadRequestException, Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FavoritePhotoDto } from '@focus-racer/api-types';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { PhotoIdsBody } from './dto/public-search.dto';
import { RunnerPhotosService } from './runner-photos.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a UUID') });

/** The signed-in user's favorite photos (any role: a photographer may run races too). */
@ApiTags('favorites')
@ApiBearerAuth()
@Controller('me/favorites')
export class FavoritesController {
  constructor(private readonly runnerPhotos: RunnerPhotosService) {}

  @Get()
  @ApiOkResponse({ description: 'Favorites, newest first.' })
  list(@CurrentUser() user: AuthUser): Promise<FavoritePhotoDto[]> {
    return this.runnerPhotos.listFavorites(user.id);
  }

  @Put()
  @ApiOkResponse({ description: 'Adds these photos (a merge: nothing is removed) and returns every favorite.' })
  add(@CurrentUser() user: AuthUser, @Body() body: PhotoIdsBody): Promise<FavoritePhotoDto[]> {
    return this.runnerPhotos.addFavorites(user.id, body.photoIds);
  }

  @Delete(':photoId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse()
  remove(@CurrentUser() user: AuthUser, @Param('photoId', uuid) photoId: string): Promise<void> {
    return this.runnerPhotos.removeFavorite(user.id, photoId);
  }
}
