import { Module } from '@nestjs/common';
import { CryptoConfigController } from './crypto-config.controller.js';
import { CryptoConfigService } from './crypto-config.service.js';

@Module({
  controllers: [CryptoConfigController],
  providers: [CryptoConfigService],
})
export class CryptoConfigModule {}
