import { BadRequestException, Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { BibCorrectionResult, EVENT_OWNER_ROLES, PhotoDto, TriagePage } from '@focus-racer/api-types';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { BibCorrectionBody, ReviewDecisionBody, TriageQuery } from './dto/triage.dto';
import { TriageService } from './triage.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a UUID') });

/** The triage queue of an event and the photographer's decisions on its photos. */
@ApiTags('photos')
@ApiBearerAuth()
@Roles(...EVENT_OWNER_ROLES)
@Controller()
export class TriageController {
  constructor(private readonly triage: TriageService) {}

  @Get('events/:id/triage')
  @ApiOkResponse({ description: 'TriagePage: 50 uncertain, unreviewed photos with their reasons, bib boxes and start-list runners; skipped ones last.' })
  @ApiNotFoundResponse({ description: 'No such event, or not one you work on.' })
  queue(@CurrentUser() user: AuthUser, @Param('id', uuid) eventId: string, @Query() query: TriageQuery): Promise<TriagePage> {
    return this.triage.queue(user, eventId, query.cursor);
  }

  @Put('photos/:id/bibs')
  @ApiOkResponse({ description: 'BibCorrectionResult: the photo with its bibs now manual and reviewed; searchable at once.' })
  @ApiUnprocessableEntityResponse({ description: 'Numbers not in the start list and force not set (details.unknownBibs); nothing changed.' })
  @ApiNotFoundResponse({ description: 'No such photo, or not in an event you work on.' })
  correct(@CurrentUser() user: AuthUser, @Param('id', uuid) photoId: string, @Body() body: BibCorrectionBody): Promise<BibCorrectionResult> {
    return this.triage.correctBibs(user, photoId, body);
  }

  @Post('photos/:id/review')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ description: 'PhotoDto: accept takes the photo out of the queue, skip sends it to the back.' })
  @ApiNotFoundResponse({ description: 'No such photo, or not in an event you work on.' })
  review(@CurrentUser() user: AuthUser, @Param('id', uuid) photoId: string, @Body() body: ReviewDecisionBody): Promise<PhotoDto> {
    return this.triage.review(user, photoId, body.decision);
  }
}
