import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/decorators/current-user.decorator.js';
import { PreferencesDto, PreferencesViewDto } from './dto/preferences.dto.js';
import { PreferencesService } from './preferences.service.js';

@ApiTags('preferences')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid access token' })
@Controller('preferences')
export class PreferencesController {
  constructor(private readonly preferences: PreferencesService) {}

  @Get()
  @ApiOkResponse({ type: PreferencesViewDto, description: "The caller's preferences (the defaults until saved)" })
  get(@CurrentUser() caller: AuthUser): Promise<PreferencesViewDto> {
    return this.preferences.get(caller.id);
  }

  @Put()
  @ApiOkResponse({ type: PreferencesViewDto, description: 'Saved: the whole document, the fields left out at their defaults' })
  @ApiBadRequestResponse({ description: 'An unknown field, or a value out of its choices' })
  put(@CurrentUser() caller: AuthUser, @Body() dto: PreferencesDto): Promise<PreferencesViewDto> {
    return this.preferences.put(caller.id, dto);
  }
}
