import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { SymbolPipe } from '../assets/symbol.pipe.js';
import { AnalysisService } from './analysis.service.js';
import { CorrelationViewDto, StatsViewDto } from './dto/analysis-views.dto.js';
import { CorrelationQueryDto } from './dto/correlation-query.dto.js';
import { StatsQueryDto } from './dto/stats-query.dto.js';

const IF_NONE_MATCH = ApiHeader({
  name: 'If-None-Match',
  required: false,
  description: 'The ETag of an answer you hold: 304 while it is current',
});
const NOT_MODIFIED = ApiResponse({ status: 304, description: 'Not modified' });

@ApiTags('crypto')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid access token' })
@Controller('crypto')
export class AnalysisController {
  constructor(private readonly analysis: AnalysisService) {}

  @Get('assets/:symbol/stats')
  @ApiParam({ name: 'symbol', example: 'BTC', description: 'Case-insensitive' })
  @ApiOkResponse({ type: StatsViewDto, description: 'From the stored candles of that span: the conventions are in `conventions`' })
  @ApiBadRequestResponse({ description: 'Unknown interval, malformed dates, from after to, bins or window out of range' })
  @ApiNotFoundResponse({ description: 'Unknown asset, or no candle of that interval in the span' })
  @IF_NONE_MATCH
  @NOT_MODIFIED
  async stats(@Param('symbol', SymbolPipe) symbol: string, @Query() query: StatsQueryDto, @Req() req: Request, @Res() res: Response) {
    (await this.analysis.stats(symbol, query)).send(req, res);
  }

  @Get('correlation')
  @ApiOkResponse({ type: CorrelationViewDto })
  @ApiBadRequestResponse({
    description:
      'Fewer than 2 or more than 10 symbols, one named twice, an unknown symbol, unknown interval, malformed dates, from after to, or fewer than 2 shared returns (the message says what each series holds)',
  })
  @IF_NONE_MATCH
  @NOT_MODIFIED
  async correlation(@Query() query: CorrelationQueryDto, @Req() req: Request, @Res() res: Response) {
    (await this.analysis.correlation(query)).send(req, res);
  }
}
