import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ApiError } from '@focus-racer/api-types';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';

/** What body-parser attaches to the errors it throws (malformed JSON, body too large...). */
interface BodyParserError {
  type: string;
  status?: number;
}

/**
 * The one place that shapes errors: every response with a 4xx/5xx status has the ApiError body
 * `{statusCode, error, message}`. Unexpected errors are logged with their stack and answered with a generic 500.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toApiError(exception);
    if (response.headersSent) return;
    response.status(body.statusCode).json(body);
  }

  toApiError(exception: unknown): ApiError {
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const payload = exception.getResponse();
      const message =
        typeof payload === 'string'
          ? payload
          : ((payload as { message?: string | string[] }).message ?? exception.message);
      // Structured extras some errors carry for the client (the row report of a refused start list).
      const details = typeof payload === 'object' ? (payload as { details?: unknown }).details : undefined;
      return details === undefined ? { statusCode, error: reasonPhrase(statusCode), message } : { statusCode, error: reasonPhrase(statusCode), message, details };
    }
    const parserError = asBodyParserError(exception);
    if (parserError) return fromBodyParser(parserError);
    this.logger.error(
      exception instanceof Error ? exception.message : String(exception),
      exception instanceof Error ? exception.stack : undefined,
    );
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: reasonPhrase(HttpStatus.INTERNAL_SERVER_ERROR),
      message: 'Something went wrong on our side. Please try again later.',
    };
  }
}

function reasonPhrase(statusCode: number): string {
  return STATUS_CODES[statusCode] ?? 'Error';
}

function asBodyParserError(exception: unknown): BodyParserError | null {
  if (typeof exception === 'object' && exception !== null && typeof (exception as BodyParserError).type === 'string') {
    const type = (exception as BodyParserError).type;
    if (type.startsWith('entity.') || type.startsWith('encoding.') || type.startsWith('charset.') || type === 'request.aborted') {
      return exception as BodyParserError;
    }
  }
  return null;
}

function fromBodyParser(error: BodyParserError): ApiError {
  const statusCode = error.status && error.status >= 400 && error.status < 500 ? error.status : 400;
  const message =
    error.type === 'entity.parse.failed'
      ? 'Malformed JSON body'
      : error.type === 'entity.too.large'
        ? 'Request body is too large'
        : 'The request body could not be read';
  return { statusCode, error: reasonPhrase(statusCode), message };
}
