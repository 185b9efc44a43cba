# Focus Racer backend: one image for the API (default) and the queue worker.
#   docker build -f docker/backend.Dockerfile -t focus-racer/backend .
#   docker run focus-racer/backend                              → node dist/backend/main.js (API on :3000)
#   docker run focus-racer/backend node dist/backend/worker.js  → queue worker
#   docker run focus-racer/backend sh -c 'npm run db:migrate && npm run db:seed'
#
# The runtime keeps the workspace's node_modules and backend sources because `npm run db:migrate` and
# `npm run db:seed` run the TypeORM migrations and the seed through ts-node. Once those are bundled into
# dist/backend, the runtime can shrink to dist/backend + `npm install --omit=dev` of its generated package.json.

FROM node:20 AS build
WORKDIR /app
ENV NX_NO_CLOUD=true NX_DAEMON=false CI=true
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund --loglevel=error
COPY . .
RUN NODE_ENV=production npx nx build backend --outputStyle=static

FROM node:20-slim AS runtime
WORKDIR /app
# sharp renders the watermark text and the demo photos' bib digits through fontconfig: without a font they vanish.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production NX_NO_CLOUD=true NX_DAEMON=false \
    STORAGE_ROOT=/data/storage OUTBOX_DIR=/data/outbox
COPY --from=build /app/package.json /app/package-lock.json /app/tsconfig.base.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/backend ./backend
COPY --from=build /app/libs ./libs
COPY --from=build /app/dist/backend ./dist/backend
RUN mkdir -p /data/storage /data/outbox && chown -R node:node /data
USER node
EXPOSE 3000
CMD ["node", "dist/backend/main.js"]
