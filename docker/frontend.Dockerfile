# One Angular app, built in production mode and served by nginx (SPA fallback + /api proxy).
#   docker build -f docker/frontend.Dockerfile --build-arg APP=frontend-public -t focus-racer/public .
# APP: frontend-pro | frontend-public | frontend-admin.   Runtime env: API_UPSTREAM (default http://api:3000).

FROM node:20 AS build
ARG APP=frontend-public
WORKDIR /app
ENV NX_NO_CLOUD=true NX_DAEMON=false CI=true
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund --loglevel=error
COPY . .
RUN npx nx build "${APP}" --configuration=production --outputStyle=static

FROM nginx:alpine
ARG APP=frontend-public
ENV API_UPSTREAM=http://api:3000
# The image's entrypoint renders /etc/nginx/templates/*.template into /etc/nginx/conf.d/ with envsubst.
COPY docker/nginx.conf /etc/nginx/templates/default.conf.template
COPY --from=build /app/dist/${APP}/browser /usr/share/nginx/html
EXPOSE 80
HEALTHCHECK --interval=15s --timeout=3s --retries=3 CMD wget -qO /dev/null http://127.0.0.1/ || exit 1
