import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { MarketQueryDto } from './dto/market-query.dto.js';
import { MarketViewDto } from './dto/market-view.dto.js';
import { MarketService } from './market.service.js';

@ApiTags('crypto')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid access token' })
@Controller('crypto')
export class MarketController {
  constructor(private readonly service: MarketService) {}

  @Get('market')
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    type: MarketViewDto,
    description:
      'One row per tracked asset as of `datetime`, from one source interval (the finest that covers every asset then); as CSV with format=csv',
  })
  @ApiBadRequestResponse({
    description: 'A datetime in the future, an unknown order_by, order or format, limit out of range, unknown symbols',
  })
  @ApiNotFoundResponse({ description: 'No candle closed by that time (the message says which range exists)' })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of an answer you hold: 304 when it is still current' })
  @ApiResponse({ status: 304, description: 'Not modified: the answer named by If-None-Match is still current' })
  async market(@Query() query: MarketQueryDto, @Req() req: Request, @Res() res: Response) {
    const { body, filename } = await this.service.read(query);
    if (filename) res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    body.send(req, res);
  }
}
