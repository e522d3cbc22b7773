import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CompareService } from './compare.service.js';
import { CompareQueryDto } from './dto/compare-query.dto.js';
import { CompareViewDto, OhlcDto } from './dto/compare-view.dto.js';

@ApiTags('crypto')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid access token' })
@ApiExtraModels(OhlcDto)
@Controller('crypto')
export class CompareController {
  constructor(private readonly compareService: CompareService) {}

  @Get('compare')
  @ApiOkResponse({ type: CompareViewDto, description: 'The series aligned on the open times they all share (an inner join), oldest first' })
  @ApiBadRequestResponse({
    description:
      'Fewer than 2 or more than 5 series, a series that is no SYMBOL or SYMBOL:interval, one named twice, an unknown symbol, a mode that is none of ohlc, line, normalized, malformed dates, from after to, limit out of range, or series that share no time (the message says which)',
  })
  @ApiHeader({ name: 'If-None-Match', required: false, description: 'The ETag of an answer you hold: 304 while it is current' })
  @ApiResponse({ status: 304, description: 'Not modified' })
  async compare(@Query() query: CompareQueryDto, @Req() req: Request, @Res() res: Response) {
    (await this.compareService.compare(query)).send(req, res);
  }
}
