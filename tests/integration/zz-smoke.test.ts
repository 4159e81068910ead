import { it, expect } from '@jest/globals';
import { startBotConnectorFake } from '../fakes/bot-connector.js';
import { botAdded, message, channel, threadOf, PEOPLE, personalChat } from '../helpers/activities.js';
import { startTestService } from '../helpers/service.js';

it('smoke', async () => {
  const t0 = Date.now();
  const connector = await startBotConnectorFake();
  const svc = await startTestService();
  console.log('start ms', Date.now() - t0);
  const conv = personalChat();
  const r = await svc.post('/api/messages', botAdded({ serviceUrl: connector.url, from: PEOPLE.owner, conversation: conv }));
  console.log(r.status, r.text, JSON.stringify(connector.calls, null, 1));
  const ch = channel();
  const m = message({ serviceUrl: connector.url, from: PEOPLE.owner, conversation: threadOf(ch), text: 'help' });
  const r2 = await svc.post('/api/messages', m);
  console.log(r2.status, r2.text, JSON.stringify(connector.calls.slice(1), null, 1));
  const r3 = await svc.post('/api/messages', { type: 'message' });
  console.log(r3.status, JSON.stringify(r3.text), r3.headers.get('content-type'));
  console.log(JSON.stringify(await svc.audit(), null, 1));
  await svc.dispose();
  await connector.close();
  expect(1).toBe(1);
});
