# The hotline server, worker and built console in one image (Node 20).
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY agent-console/package.json agent-console/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 CONSOLE_DIST=/app/agent-console/dist
COPY --from=build /app /app
EXPOSE 3000
CMD ["node", "server/dist/main.js"]
