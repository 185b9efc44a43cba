import { BadRequestException, Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EVENT_OWNER_ROLES, UploadBatchDetailDto, UploadBatchDto } from '@focus-racer/api-types';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { CreateUploadBatchBody } from './dto/upload-batch.dto';
import { UploadBatchesService } from './upload-batches.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a UUID') });

/** Upload batches of the pro app; the files themselves go to POST /api/events/:id/photos?batchId= (PhotosController). */
@ApiTags('photos')
@ApiBearerAuth()
@Roles(...EVENT_OWNER_ROLES)
@Controller()
export class UploadBatchesController {
  constructor(private readonly batches: UploadBatchesService) {}

  @Post('events/:id/upload-batches')
  @ApiCreatedResponse({
    description:
      'UploadBatchDto. Then send the files to POST /api/events/:id/photos?batchId=<id>&fileCount=<n>, multipart, each file part ' +
      '(field "files") right after a text field "key" holding the client key of that file (e.g. "relativePath|size|lastModified", ' +
      'at most 512 characters). A key already in the batch answers accepted + alreadyReceived, not stored or charged again.',
  })
  @ApiNotFoundResponse({ description: 'No such event, or not one you upload to.' })
  create(@CurrentUser() user: AuthUser, @Param('id', uuid) eventId: string, @Body() body: CreateUploadBatchBody): Promise<UploadBatchDto> {
    return this.batches.create(user, eventId, body);
  }

  @Get('events/:id/upload-batches')
  @ApiOkResponse({ description: 'UploadBatchDto[]: the newest 100 batches with their counters (the owner sees every batch, an assigned photographer their own).' })
  @ApiNotFoundResponse({ description: 'No such event, or not one you upload to.' })
  list(@CurrentUser() user: AuthUser, @Param('id', uuid) eventId: string): Promise<UploadBatchDto[]> {
    return this.batches.list(user, eventId);
  }

  @Get('upload-batches/:id')
  @ApiOkResponse({ description: 'UploadBatchDetailDto: the batch, its counters and receivedKeys (the client keys already stored).' })
  @ApiNotFoundResponse({ description: 'No such batch, or not yours to see.' })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) batchId: string): Promise<UploadBatchDetailDto> {
    return this.batches.get(user, batchId);
  }

  @Post('upload-batches/:id/complete')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'UploadBatchDto: the client has sent every file it could; the batch moves on to processing. Idempotent.' })
  @ApiNotFoundResponse({ description: 'No such batch, or not yours.' })
  complete(@CurrentUser() user: AuthUser, @Param('id', uuid) batchId: string): Promise<UploadBatchDto> {
    return this.batches.complete(user, batchId);
  }
}
