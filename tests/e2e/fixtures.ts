// Each test gets its own browser-mode server and local broker (free ports, a
// fresh data directory) and the page objects, with the app already open.
import { test as base } from '@playwright/test';
import { AppPage } from './pages/app-page.js';
import { ConnectionsPage } from './pages/connections-page.js';
import { ProducePage } from './pages/produce-page.js';
import { TopicsPage } from './pages/topics-page.js';
import { startAppServer, type AppServer } from './support/app-server.js';

interface Fixtures {
  server: AppServer;
  app: AppPage;
  topics: TopicsPage;
  produce: ProducePage;
  connections: ConnectionsPage;
}

export const test = base.extend<Fixtures>({
  // Playwright reads the fixture's dependencies from this pattern; the server needs none.
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use, testInfo) => {
    const server = await startAppServer();
    await use(server);
    const failed = testInfo.status !== testInfo.expectedStatus;
    if (failed) await testInfo.attach('server-output', { body: server.output.join('\n'), contentType: 'text/plain' });
    await server.stop();
  },
  app: async ({ page, server }, use) => {
    const app = new AppPage(page);
    await app.open(server.url);
    await use(app);
  },
  // On the app's page, so a test asking only for a screen's page object still gets the app opened.
  topics: async ({ app }, use) => use(new TopicsPage(app.page)),
  produce: async ({ app }, use) => use(new ProducePage(app.page)),
  connections: async ({ app }, use) => use(new ConnectionsPage(app.page)),
});

export { expect } from '@playwright/test';
