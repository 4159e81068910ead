import { randomBytes } from 'node:crypto';
import { DEMO_DIRECTORY, type DirectoryUser } from '../../bot/src/identity/directory.js';

/**
 * Factories for inbound Teams activities, shaped as Teams delivers them to `/api/messages`
 * (ids, tenant, channelData, mention entities). `serviceUrl` is the fake connector's URL.
 */

export const TENANT_ID = '7a1b2c3d-0000-4000-8000-00000000a11c';
export const BOT = { id: '28:0b0b0b0b-0000-4000-8000-000000000b07', name: 'Life Cockpit' };
export const BOT_MENTION = `<at>${BOT.name}</at>`;
export const TEAM = { id: '19:Qm9TZWN1cml0eVRlYW0@thread.tacv2', name: 'Practice Security' };

const byRole = (role: DirectoryUser['roles'][number]): DirectoryUser => {
  const user = DEMO_DIRECTORY.find((u) => u.roles.includes(role));
  if (!user) throw new Error(`the demo directory has no ${role}`);
  return user;
};

/** People who write to the bot; `stranger` is in the tenant but not in the directory. */
export const PEOPLE = {
  owner: byRole('PracticeOwner'),
  clinician: byRole('ClinicalUser'),
  business: byRole('BusinessUser'),
  automation: byRole('SystemUser'),
  stranger: {
    aadObjectId: '00000000-0000-4000-8000-0000000000ff',
    name: 'Sam Stranger',
    upn: null,
    roles: [],
  } as DirectoryUser,
};

export type Person = Pick<DirectoryUser, 'aadObjectId' | 'name'>;

export interface TeamsConversation {
  id: string;
  conversationType: 'personal' | 'groupChat' | 'channel';
  tenantId: string;
  isGroup?: boolean;
  name?: string;
}

const token = (bytes = 9): string => randomBytes(bytes).toString('base64url');

/** Teams message ids look like epoch milliseconds; counting up keeps them unique in a run. */
let lastId = Date.now();
const activityId = (): string => String((lastId += 1));

/** A 1:1 chat between the bot and a person (ids look like Teams': `a:1…`). */
export const personalChat = (): TeamsConversation => ({
  id: `a:1${token(24)}`,
  conversationType: 'personal',
  tenantId: TENANT_ID,
});

export const groupChat = (): TeamsConversation => ({
  id: `19:${token()}@thread.v2`,
  conversationType: 'groupChat',
  tenantId: TENANT_ID,
  isGroup: true,
});

/** A channel of TEAM. */
export const channel = (name = 'Security'): TeamsConversation => ({
  id: `19:${token()}@thread.tacv2`,
  conversationType: 'channel',
  tenantId: TENANT_ID,
  isGroup: true,
  name,
});

/** A channel message's thread: Teams names it `<channel id>;messageid=<root message id>`. */
export const threadOf = (conversation: TeamsConversation, rootId = activityId()) => ({
  ...conversation,
  id: `${conversation.id.split(';')[0]};messageid=${rootId}`,
});

function base(serviceUrl: string, from: Person, conversation: TeamsConversation) {
  const team = conversation.conversationType === 'channel' ? { team: { ...TEAM } } : {};
  const channelInfo =
    conversation.conversationType === 'channel'
      ? { channel: { id: conversation.id.split(';')[0], name: conversation.name } }
      : {};
  return {
    id: activityId(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale: 'en-CA',
    from: { id: `29:1${token(18)}`, name: from.name, aadObjectId: from.aadObjectId },
    recipient: { ...BOT },
    conversation: { ...conversation },
    channelData: { tenant: { id: TENANT_ID }, ...team, ...channelInfo },
  };
}

/**
 * A message. In a group chat or channel Teams delivers only messages that @mention the bot, so
 * `mention` defaults to true there: the text gets `<at>Life Cockpit</at>` and the entity.
 */
export function message(options: {
  serviceUrl: string;
  from: Person;
  conversation: TeamsConversation;
  text: string;
  mention?: boolean;
}) {
  const mention = options.mention ?? options.conversation.conversationType !== 'personal';
  const text = mention ? `${BOT_MENTION} ${options.text}` : options.text;
  return {
    ...base(options.serviceUrl, options.from, options.conversation),
    type: 'message',
    text,
    textFormat: 'plain',
    entities: mention ? [{ type: 'mention', text: BOT_MENTION, mentioned: { ...BOT } }] : [],
  };
}

/** The bot added to a conversation (`conversationUpdate` with the bot in `membersAdded`). */
export function botAdded(options: {
  serviceUrl: string;
  from: Person;
  conversation: TeamsConversation;
}) {
  const activity = base(options.serviceUrl, options.from, options.conversation);
  return {
    ...activity,
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT.id }],
    channelData: { ...activity.channelData, eventType: 'teamMemberAdded' },
  };
}

/** The app installed in (`add`) or removed from (`remove`) a conversation. */
export function installationUpdate(options: {
  serviceUrl: string;
  from: Person;
  conversation: TeamsConversation;
  action: 'add' | 'remove';
}) {
  return {
    ...base(options.serviceUrl, options.from, options.conversation),
    type: 'installationUpdate',
    action: options.action,
  };
}

/** A card button press: an `adaptiveCard/action` invoke carrying `Action.Execute`'s verb and data. */
export function cardAction(options: {
  serviceUrl: string;
  from: Person;
  conversation: TeamsConversation;
  verb: string;
  data: Record<string, unknown>;
}) {
  return {
    ...base(options.serviceUrl, options.from, options.conversation),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: {
      action: { type: 'Action.Execute', verb: options.verb, data: options.data },
      trigger: 'manual',
    },
  };
}
