import { Module } from '@nestjs/common';
import { AssetsModule } from '../assets/assets.module.js';
import { SearchController } from './search.controller.js';
import { SearchService } from './search.service.js';

@Module({
  imports: [AssetsModule],
  controllers: [SearchController],
  providers: [SearchService],
})
export class SearchModule {}
