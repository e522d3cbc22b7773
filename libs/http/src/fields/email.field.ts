import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export const EMAIL_MAX_LENGTH = 254;

/** No spaces, control, format (zero-width, bidi) or other invisible characters anywhere, the domain included. */
const PRINTABLE = /^[^\p{C}\p{Z}]+$/u;

/**
 * An optional email address: one address (no display name, no quoted local part, an ASCII local
 * part, no IP address for a domain, a domain with a top-level part, international domains
 * allowed), at most 254 characters. `null` means "no email".
 */
export function EmailField(): PropertyDecorator {
  const message = `email must be an email address such as satoshi@example.com, at most ${EMAIL_MAX_LENGTH} characters`;
  return applyDecorators(
    ApiPropertyOptional({ type: String, nullable: true, example: 'satoshi@example.com', maxLength: EMAIL_MAX_LENGTH }),
    IsOptional(),
    IsString({ message }),
    MaxLength(EMAIL_MAX_LENGTH, { message }),
    Matches(PRINTABLE, { message }),
    IsEmail(
      { allow_display_name: false, allow_utf8_local_part: false, allow_ip_domain: false, require_tld: true, blacklisted_chars: '"' },
      { message },
    ),
  );
}
