import { BadRequestException, Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EVENT_OWNER_ROLES, PricePackDto } from '@focus-racer/api-types';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { PricePacksUpdateBody } from './dto/price-packs.dto';
import { PricePacksService } from './price-packs.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException('id must be a UUID') });

/** The prices of an event, set by its owner (or an ADMIN). */
@ApiTags('price packs')
@ApiBearerAuth()
@Roles(...EVENT_OWNER_ROLES)
@Controller('events/:id/price-packs')
export class PricePacksController {
  constructor(private readonly packs: PricePacksService) {}

  @Get()
  @ApiOkResponse({ description: 'Every pack of the event, active ones first, retired ones (sold before) after.' })
  @ApiNotFoundResponse({ description: 'No such event, or not yours.' })
  list(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<PricePackDto[]> {
    return this.packs.list(user, id);
  }

  @Put()
  @ApiOkResponse({ description: 'Replaces the offer; packs already sold are retired instead of deleted.' })
  replace(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() body: PricePacksUpdateBody): Promise<PricePackDto[]> {
    return this.packs.replace(user, id, body);
  }
}
