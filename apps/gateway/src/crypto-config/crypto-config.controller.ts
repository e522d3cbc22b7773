import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CryptoConfigService } from './crypto-config.service.js';
import { CryptoConfigDto } from './dto/crypto-config.dto.js';

@ApiTags('crypto')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid access token' })
@Controller('crypto')
export class CryptoConfigController {
  constructor(private readonly configs: CryptoConfigService) {}

  @Get('config')
  @ApiOkResponse({
    type: CryptoConfigDto,
    description: 'The intervals, the tracked assets with the span of each of their intervals, the data sources and the limits of the API',
  })
  read(): Promise<CryptoConfigDto> {
    return this.configs.read();
  }
}
