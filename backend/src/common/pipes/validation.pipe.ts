import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

/**
 * The global pipe: strips nothing silently (an unknown field is an error), converts query strings to the
 * declared types, and words each problem as one sentence, e.g. `Unknown field "isAdmin".` or
 * `email must be an email`.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new BadRequestException(describeValidationErrors(errors)),
  });
}

export function describeValidationErrors(errors: ValidationError[], parentPath = ''): string[] {
  return errors.flatMap((error) => {
    const path = parentPath ? `${parentPath}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([name, message]) =>
      name === 'whitelistValidation' ? `Unknown field "${path}".` : prefixPath(message, error.property, path),
    );
    return [...own, ...describeValidationErrors(error.children ?? [], path)];
  });
}

/** class-validator starts messages with the property name; show the full path for nested fields. */
function prefixPath(message: string, property: string, path: string): string {
  return path !== property && message.startsWith(property) ? path + message.slice(property.length) : message;
}
