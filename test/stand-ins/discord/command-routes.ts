import { discordErrors } from "./discord-api-error.ts";
import type { DiscordWorld, RegisteredCommand } from "./discord-world.ts";
import { ok, type RouteContext, type RouteDefinition } from "./rest-route.ts";

const chatInput = 1;
const namePattern = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function checkCommand(command: Record<string, unknown>, index: number): void {
  const name = String(command.name ?? "");
  const type = Number(command.type ?? chatInput);
  if (type === chatInput && (!namePattern.test(name) || name !== name.toLowerCase())) {
    throw discordErrors.invalidForm(
      `${index}.name`,
      "APPLICATION_COMMAND_INVALID_NAME",
      "Command name is invalid",
    );
  }
  const description = String(command.description ?? "");
  if (type === chatInput && (description.length < 1 || description.length > 100)) {
    throw discordErrors.invalidForm(
      `${index}.description`,
      "BASE_TYPE_BAD_LENGTH",
      "Must be between 1 and 100 in length.",
    );
  }
}

/** A bulk overwrite as Discord answers it: ids kept for commands whose name stays, new ones otherwise. */
function overwrite(
  context: RouteContext,
  existing: RegisteredCommand[],
  guildId: string | undefined,
): RegisteredCommand[] {
  const { world, rawBody } = context;
  if (!Array.isArray(rawBody))
    throw discordErrors.invalidForm("_", "ARRAY_TYPE_CONVERT", "Only iterables may be used in a ListType");
  const commands = rawBody as Record<string, unknown>[];
  commands.forEach(checkCommand);
  const registered = commands.map((command) => ({
    ...command,
    id: existing.find((old) => old.name === command.name)?.id ?? world.nextId(),
    application_id: world.applicationId,
    name: String(command.name),
    description: String(command.description ?? ""),
    type: Number(command.type ?? chatInput),
    version: world.nextId(),
    default_member_permissions: command.default_member_permissions ?? null,
    nsfw: command.nsfw ?? false,
    ...(guildId ? { guild_id: guildId } : {}),
  }));
  existing.splice(0, existing.length, ...registered);
  return registered;
}

function checkApplication(world: DiscordWorld, applicationId: string | undefined): void {
  if (applicationId !== world.applicationId) throw discordErrors.missingPermissions();
}

function guildCommands(world: DiscordWorld, guildId: string | undefined): RegisteredCommand[] {
  if (!guildId || !world.guilds.has(guildId)) throw discordErrors.missingPermissions();
  const list = world.guildCommands.get(guildId) ?? [];
  world.guildCommands.set(guildId, list);
  return list;
}

/** Slash command registration, global and per guild. */
export function commandRoutes(): RouteDefinition[] {
  return [
    {
      name: "putGlobalCommands",
      method: "PUT",
      pattern: "/applications/:application_id/commands",
      auth: true,
      handle: (context) => {
        checkApplication(context.world, context.params.application_id);
        return ok(overwrite(context, context.world.globalCommands, undefined));
      },
    },
    {
      name: "getGlobalCommands",
      method: "GET",
      pattern: "/applications/:application_id/commands",
      auth: true,
      handle: ({ world, params }) => {
        checkApplication(world, params.application_id);
        return ok(world.globalCommands);
      },
    },
    {
      name: "putGuildCommands",
      method: "PUT",
      pattern: "/applications/:application_id/guilds/:guild_id/commands",
      auth: true,
      handle: (context) => {
        checkApplication(context.world, context.params.application_id);
        const list = guildCommands(context.world, context.params.guild_id);
        return ok(overwrite(context, list, context.params.guild_id));
      },
    },
    {
      name: "getGuildCommands",
      method: "GET",
      pattern: "/applications/:application_id/guilds/:guild_id/commands",
      auth: true,
      handle: ({ world, params }) => {
        checkApplication(world, params.application_id);
        return ok(guildCommands(world, params.guild_id));
      },
    },
  ];
}
