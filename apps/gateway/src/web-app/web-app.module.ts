import { Inject, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { SERVE_STATIC_MODULE_OPTIONS, ServeStaticModule, type ServeStaticModuleOptions } from '@nestjs/serve-static';
import type { Express, NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { APP_CONFIG, type AppConfig } from '#libs/config';
import { sendError } from '#libs/http';
import { labelRoute } from '#libs/observability';
import { isNotPage, NOT_PAGES, STATIC_PREFIX } from './api-prefixes.js';

/** The `route` label of the web app's hashed files, and of its page (index.html, and the other files of WEB_ROOT). */
export const STATIC_ROUTE = `${STATIC_PREFIX}/*`;
export const WEB_APP_ROUTE = '<web-app>';

/** A hashed file's name changes with its content: it can be kept for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The page names the hashed files of the current build: revalidated on every load (ETag, Last-Modified), so that a new build is picked up at once. */
const REVALIDATE = 'no-cache';

/** What @nestjs/serve-static is given: nothing when WEB_ROOT holds no built app. */
function serving(config: AppConfig): ServeStaticModuleOptions[] {
  const root = resolve(config.WEB_ROOT);
  if (!existsSync(join(root, 'index.html'))) return [];
  const hashed = join(root, STATIC_PREFIX) + sep;
  return [
    {
      rootPath: root,
      // Every other GET answers index.html, for the client-side router.
      exclude: NOT_PAGES,
      serveStaticOptions: {
        // `/` and directories go to the page handler, never to a directory redirect.
        index: false,
        redirect: false,
        // Called for every file sent, index.html included.
        setHeaders: (res: Response, path: string) => {
          const isHashed = path.startsWith(hashed);
          res.setHeader('Cache-Control', isHashed ? IMMUTABLE : REVALIDATE);
          labelRoute(res, isHashed ? STATIC_ROUTE : WEB_APP_ROUTE);
        },
      },
    },
  ];
}

/**
 * The built web app (WEB_ROOT: index.html and its hashed files under /static/), served at `/`
 * after every API route. Without a build (a checkout where `npm run build` has not run, or the
 * other services' tests) the gateway starts all the same, warns once, and answers its pages with
 * a 404 that says what to do.
 */
@Module({
  imports: [ServeStaticModule.forRootAsync({ inject: [APP_CONFIG], useFactory: serving })],
})
export class WebAppModule implements OnModuleInit {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SERVE_STATIC_MODULE_OPTIONS) private readonly options: ServeStaticModuleOptions[],
    private readonly adapter: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    if (this.options.length) return;
    const root = resolve(this.config.WEB_ROOT);
    new Logger('WebApp').warn(`the web app is not built (${root} has no index.html): its pages answer 404 until npm run build builds it`);
    const message = `The web app is not built: run npm run build (WEB_ROOT ${this.config.WEB_ROOT} has no index.html)`;
    // Registered, like @nestjs/serve-static's own handler, after the API routes.
    this.adapter.httpAdapter.getInstance<Express>().get('{*path}', (req: Request, res: Response, next: NextFunction) => {
      if (isNotPage(req.path)) return next();
      labelRoute(res, WEB_APP_ROUTE);
      sendError(res, 404, message);
    });
  }
}
