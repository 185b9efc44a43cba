import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PRO_ROLES, SalesPageDto, TopPhotoDto } from '@focus-racer/api-types';
import { AuthUser, CurrentUser } from '../../common/decorators/current-user.decorator';
import { Roles } from '../../common/decorators/roles.decorator';
import { SalesQuery, TopPhotosQuery } from './dto/orders-query.dto';
import { SalesService } from './sales.service';

/** A pro's sales on the events they own. */
@ApiTags('sales')
@ApiBearerAuth()
@Roles(...PRO_ROLES)
@Controller('payments/sales')
export class SalesController {
  constructor(private readonly sales: SalesService) {}

  @Get()
  @ApiOkResponse({ description: 'Summary and a page of sales (50, newest first).' })
  page(@CurrentUser() user: AuthUser, @Query() query: SalesQuery): Promise<SalesPageDto> {
    return this.sales.page(user, query.eventId, query.cursor);
  }

  @Get('top-photos')
  @ApiOkResponse({ description: 'The 20 photos that earned the most.' })
  topPhotos(@CurrentUser() user: AuthUser, @Query() query: TopPhotosQuery): Promise<TopPhotoDto[]> {
    return this.sales.topPhotos(user, query.eventId);
  }
}
