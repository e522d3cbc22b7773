# One image per app, from one Dockerfile:
#   docker build --target gateway -t candlecast-gateway .     (likewise prediction, worker)
# docker-compose.yml builds and runs all three; see the README's "Docker".

# --- build: every dependency (argon2 builds its addon here, @tensorflow/tfjs-node downloads
# libtensorflow), the npm workspace apps/web among them, tsc and the web app's build (npm run
# build writes apps/web/dist), then only the production dependencies are kept.
FROM node:22-bookworm AS build
WORKDIR /app
# @scarf/scarf, installed through swagger-ui-dist, reports every install unless told not to.
ENV SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
# npm ci installs a workspace only if its package.json is there.
COPY apps/web/package.json ./apps/web/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# --- runtime: glibc like the build (the native addons need it), no compiler, not root.
# Everything is owned by root and only read: the apps write nothing to disk.
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The daily history a first start imports into an empty database (HISTORY_DIR).
COPY data/history ./data/history
USER node

FROM runtime AS gateway
# The built web app, served at / (WEB_ROOT).
COPY --from=build /app/apps/web/dist ./apps/web/dist
ENV WEB_ROOT=/app/apps/web/dist
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.GATEWAY_PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/apps/gateway/src/main.js"]

FROM runtime AS prediction
EXPOSE 3100
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PREDICTION_PORT||3100)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/apps/prediction/src/main.js"]

FROM runtime AS worker
EXPOSE 9464
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.WORKER_METRICS_PORT||9464)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/apps/worker/src/main.js"]
