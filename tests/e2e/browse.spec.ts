import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures.js';
import { BrowsePage } from './pages/browse-page.js';
import { KafkaSeed } from './support/kafka-seed.js';

test('browse a topic without a group, filter, open a message, and export what is shown as CSV and JSON', async ({ app, server }) => {
  const seed = new KafkaSeed(server.brokerBootstrap);
  const browse = new BrowsePage(app.page);
  await seed.createTopic('events', 3);
  await seed.produce('events', [
    { partition: 0, key: 'user-1', value: '{"type":"login","user":"ann"}', headers: { 'trace-id': 't-1' } },
    { partition: 1, key: 'user-2', value: 'plain, with "quotes"' },
    { partition: 2, key: null, value: 'line one\nline two' },
    { partition: 0, key: 'user-1', value: '{"type":"logout","user":"ann"}' },
  ]);

  await browse.open();
  await browse.read({ topic: 'events' });
  await expect(browse.status).toContainText('4 loaded — reached the end of every partition');
  await expect(browse.rows).toHaveCount(4);
  for (const partition of [0, 1, 2]) await expect(app.page.getByTestId(`progress-${partition}`).getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');

  await browse.filter('logout');
  await expect(browse.shown).toHaveText('1 shown');
  await browse.filter('T-1');
  await expect(browse.rows).toHaveCount(1);
  await browse.rows.first().click();
  await expect(browse.detail.getByTestId('value-json')).toHaveText('{\n  "type": "login",\n  "user": "ann"\n}');
  await browse.detail.getByRole('tab', { name: 'Headers (1)' }).click();
  await expect(browse.detail.getByRole('table', { name: 'Headers' })).toContainText('t-1');

  await browse.filter('');
  await expect(browse.rows).toHaveCount(4);
  const csv = await browse.export('CSV');
  expect(csv.suggestedFilename()).toMatch(/^events-.*\.csv$/);
  const csvText = await readFile(await csv.path(), 'utf8');
  const lines = csvText.split('\r\n');
  expect(lines[0]).toBe('topic,partition,offset,timestamp,key,value,headers');
  expect(lines).toHaveLength(6);
  expect(csvText).toContain(',user-2,"plain, with ""quotes""",');
  expect(csvText).toContain(',,"line one\nline two",');
  expect(csvText).toContain('"{""type"":""login"",""user"":""ann""}","{""trace-id"":""t-1""}"');

  const json = await browse.export('JSON');
  const exported = JSON.parse(await readFile(await json.path(), 'utf8')) as { partition: number; offset: string; value: string; headers: unknown[] }[];
  expect(exported).toHaveLength(4);
  expect(exported.map((r) => `${r.partition}:${r.offset}`).sort()).toEqual(['0:0', '0:1', '1:0', '2:0']);
  expect(exported.find((r) => r.partition === 2)?.value).toBe('line one\nline two');
});

test('browse from latest − N reads only the last N of each partition', async ({ app, server }) => {
  const seed = new KafkaSeed(server.brokerBootstrap);
  const browse = new BrowsePage(app.page);
  await seed.createTopic('ticks', 2);
  await seed.produce('ticks', Array.from({ length: 6 }, (_, i) => ({ partition: i % 2, value: `tick ${i}` })));

  await browse.open();
  await browse.read({ topic: 'ticks', start: 'Latest − N', minus: 1 });
  await expect(browse.status).toContainText('2 loaded — reached the end of every partition');
  await expect(browse.rows).toHaveCount(2);
  await expect(browse.rows.filter({ hasText: 'tick 4' })).toHaveCount(1);
  await expect(browse.rows.filter({ hasText: 'tick 5' })).toHaveCount(1);

  // The read is in the URL: a reload reads the same again.
  expect(new URL(app.page.url()).hash).toBe(`#/browse/${encodeURIComponent('ticks?from=latest&minus=1&max=500')}`);
  await app.page.reload();
  await expect(browse.status).toContainText('2 loaded — reached the end of every partition');
  await expect(app.page.getByRole('textbox', { name: 'N records back from the end' })).toHaveValue('1');
});
