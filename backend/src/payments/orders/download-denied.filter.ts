import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { escapeHtml } from '../../auth/password-reset.email';
import { AllExceptionsFilter } from '../../common/filters/all-exceptions.filter';
import { DownloadDeniedException } from './orders.service';

/**
 * Download links are opened by a browser straight from an email or the order page, not by the app: a refused one
 * answers a small readable page to a browser (Accept: text/html) and the usual JSON error to anything else.
 */
@Catch(DownloadDeniedException)
export class DownloadDeniedFilter implements ExceptionFilter {
  private readonly json = new AllExceptionsFilter();

  catch(exception: DownloadDeniedException, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    if (response.headersSent) return;
    const body = this.json.toApiError(exception);
    // A browser's navigation asks for text/html first; `*/*` (curl, fetch) and no Accept at all get JSON.
    if (request.accepts(['json', 'html']) !== 'html') {
      response.status(body.statusCode).json(body);
      return;
    }
    const message = Array.isArray(body.message) ? body.message.join(' ') : body.message;
    response
      .status(body.statusCode)
      .type('html')
      .send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Download unavailable · Focus Racer</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222;line-height:1.5}h1{font-size:1.4rem}</style>
</head><body>
<h1>This download is not available</h1>
<p>${escapeHtml(message)}</p>
<p>Your order page (the link in your receipt email, or “My orders” when you are signed in) always makes fresh download links while the order is paid.</p>
</body></html>`);
  }
}
