import { optionalString, requiredString, type SlackArgs } from "./slack-args.ts";
import { SlackMethodError } from "./slack-method-error.ts";
import type { MethodTable, SlackWorkspace } from "./slack-workspace.ts";

/** Home tabs take up to 100 blocks, modals 100 too. */
const maxViewBlocks = 100;

/** views.open / views.publish / views.update: keeps each view and answers with it as Slack does. */
export function viewMethods(workspace: SlackWorkspace): MethodTable {
  const views = new Map<string, Record<string, unknown>>();
  let nextId = 0;
  const save = (args: SlackArgs, existingId?: string) => {
    const view = args.view;
    if (typeof view !== "object" || view === null || Array.isArray(view)) {
      throw new SlackMethodError("invalid_arguments");
    }
    const { type, blocks } = view as { type?: unknown; blocks?: unknown };
    if (type !== "modal" && type !== "home") throw new SlackMethodError("invalid_arguments");
    if (Array.isArray(blocks) && blocks.length > maxViewBlocks)
      throw new SlackMethodError("invalid_arguments");
    if (blocks !== undefined && !Array.isArray(blocks)) throw new SlackMethodError("invalid_arguments");
    const id = existingId ?? `V${String(++nextId).padStart(10, "0")}`;
    const saved = {
      id,
      team_id: workspace.teamId,
      type,
      blocks: [],
      private_metadata: "",
      callback_id: "",
      external_id: "",
      state: { values: {} },
      hash: `${workspace.nextTs()}.stand-in`,
      clear_on_close: false,
      notify_on_close: false,
      root_view_id: id,
      previous_view_id: null,
      app_id: workspace.appId,
      bot_id: workspace.botId,
      ...(view as Record<string, unknown>),
    };
    views.set(id, saved);
    return { view: structuredClone(saved) };
  };
  return {
    "views.open": (args) => {
      requiredString(args, "trigger_id");
      return save(args);
    },
    "views.publish": (args) => {
      requiredString(args, "user_id", "user_not_found");
      return save(args);
    },
    "views.update": (args) => {
      const viewId = optionalString(args, "view_id");
      const externalId = optionalString(args, "external_id");
      if (viewId === undefined && externalId === undefined) throw new SlackMethodError("invalid_arguments");
      const existing = viewId
        ? views.get(viewId)
        : [...views.values()].find((view) => view.external_id === externalId);
      if (!existing) throw new SlackMethodError("not_found");
      return save(args, String(existing.id));
    },
  };
}
