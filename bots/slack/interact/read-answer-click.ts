import type { BlockAction, ButtonAction } from "@slack/bolt";

/** Where an answer message sits, so it can be updated and an ephemeral note threaded under it. */
export interface AnswerMessageRef {
  channelId: string;
  ts: string;
  threadTs?: string;
}

/** A click on one of the answer buttons, reduced to what the handlers use. */
export interface AnswerClick {
  /** The button's value: claimed to be a question id; checked against the database before use. */
  questionId: string;
  /** From Slack's signed payload: the only identity trusted for permissions. */
  userId: string;
  teamId: string;
  triggerId: string;
  /** Absent when the click came from the App Home, which has no message to update. */
  message?: AnswerMessageRef;
}

export function readAnswerClick(
  body: BlockAction<ButtonAction>,
  contextTeamId: string | undefined,
): AnswerClick {
  const action = body.actions[0];
  const teamId = contextTeamId ?? body.team?.id ?? body.user.team_id ?? "";
  const click: AnswerClick = {
    questionId: action?.value ?? "",
    userId: body.user.id,
    teamId,
    triggerId: body.trigger_id,
  };
  const channelId = body.channel?.id ?? stringField(body.container, "channel_id");
  const ts = body.message?.ts ?? stringField(body.container, "message_ts");
  if (channelId && ts && stringField(body.container, "type") !== "view") {
    const threadTs = stringField(body.message ?? {}, "thread_ts") ?? stringField(body.container, "thread_ts");
    click.message = { channelId, ts, ...(threadTs === undefined ? {} : { threadTs }) };
  }
  return click;
}

function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}
