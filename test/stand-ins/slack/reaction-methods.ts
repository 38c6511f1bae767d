import { requiredString, type SlackArgs } from "./slack-args.ts";
import { SlackMethodError } from "./slack-method-error.ts";
import type { MethodTable, SlackWorkspace } from "./slack-workspace.ts";

/**
 * reactions.add / reactions.remove by the bot. Reactions are kept per (channel, ts) whether or not
 * the message is stored, since tests often react to a question that only ever existed as an event.
 */
export function reactionMethods(workspace: SlackWorkspace, reactions: Map<string, Set<string>>): MethodTable {
  const target = (args: SlackArgs) => {
    const channel = requiredString(args, "channel", "channel_not_found");
    const ts = requiredString(args, "timestamp", "message_not_found");
    const name = requiredString(args, "name", "invalid_name");
    const key = reactionKey(channel, ts);
    let names = reactions.get(key);
    if (!names) {
      names = new Set();
      reactions.set(key, names);
    }
    return { channel, ts, name, names };
  };
  const mirror = (channel: string, ts: string, names: Set<string>) => {
    const message = workspace.messages.find(channel, ts);
    if (!message) return;
    if (names.size === 0) delete message.reactions;
    else message.reactions = [...names].map((name) => ({ name, users: [workspace.botUserId], count: 1 }));
  };
  return {
    "reactions.add": (args) => {
      const { channel, ts, name, names } = target(args);
      if (names.has(name)) throw new SlackMethodError("already_reacted");
      names.add(name);
      mirror(channel, ts, names);
      return {};
    },
    "reactions.remove": (args) => {
      const { channel, ts, name, names } = target(args);
      if (!names.delete(name)) throw new SlackMethodError("no_reaction");
      mirror(channel, ts, names);
      return {};
    },
  };
}

export function reactionKey(channel: string, ts: string): string {
  return `${channel}/${ts}`;
}
