# Learning Loop: the API compiled with tsc and the web app built with Vite, run on Node 20.

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm run build:web

FROM node:20-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
# package.json maps #libs/* to dist/libs/*/src/index.js at run time.
COPY --from=build /app/dist ./dist
# DATA_DIR (./data) for the embedded store, should EVENT_STORE be left at embedded.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
