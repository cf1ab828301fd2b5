# Production image: the Next.js standalone server. Build with `docker build -t intentscore .`
# Run with a volume for the embedded database, or DATABASE_URL=postgres://… for PostgreSQL:
#   docker run -p 3000:3000 -e BETTER_AUTH_SECRET="$(openssl rand -base64 32)" -v intentscore-data:/app/.data intentscore
# or with PostgreSQL beside it: docker-compose.yml (`docker compose up -d`).
FROM node:20-bookworm-slim AS deps
WORKDIR /app
# swagger-ui-dist (the /docs page) depends on a package that reports installs unless told not to.
ENV SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY --from=deps /app/node_modules ./node_modules
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS runner
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0
RUN useradd --system --uid 1001 intentscore && mkdir -p /app/.data && chown intentscore /app/.data
# `npm run build` leaves a self-contained server: static files, public/, drizzle/ (migrations run
# at start) and PGlite's files all sit in .next/standalone.
COPY --from=build --chown=intentscore /app/.next/standalone ./
USER intentscore
VOLUME /app/.data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "server.js"]
