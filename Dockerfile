# One image for the API and the workers (docker-compose.yml picks the command).
# Node 24 LTS in production; the build machines only have Node 20, where every test also runs
# (docs/adr/0230-node-version.md). `npm ci` installs exactly package-lock.json, which carries
# every platform's native builds (docs/adr/0231-lock-file-platform-packages.md; `npm run lock`).
# Replayed without Docker, step by step, by `node scripts/dockerfile-dry-run.mjs`.
#
# Build stage: compile TypeScript to dist/ (the running processes are plain JavaScript:
# tsx's on-the-fly compiler would cost ~90 MB of memory per process).
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY patches ./patches
# tsx stays (a dependency) so the maintenance CLIs (`npm run seed`, `npm run search`) still run.
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000 9464
CMD ["node", "--enable-source-maps", "dist/src/server.js"]
