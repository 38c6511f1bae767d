import type { Platform, PostedMessage, Reply, ReplyStream, ReplyTarget } from "#shared/platform/platform.ts";
import { type Output, printJson } from "./output.ts";

/** The replies as `ask --json` prints them. */
export function replyJson(reply: Reply) {
  return {
    answer: reply.text,
    mode: reply.mode,
    model: reply.model,
    sources: reply.sources.map((source) => ({ n: source.n, title: source.title, url: source.url })),
    ...(reply.notCovered
      ? {
          covered: false,
          related: reply.notCovered.related.map((page) => ({ title: page.title, url: page.url })),
        }
      : {}),
    ...(reply.note ? { note: reply.note } : {}),
    ...(reply.mode === "approved" && reply.approvedBy
      ? { approvedBy: reply.approvedBy.userId, approvedByPlatform: reply.approvedBy.platform }
      : {}),
  };
}

/** "✅ Approved answer, by mo" (a CLI approver by name, a chat user as "id (platform)"). */
function approvedLine(reply: Reply): string {
  if (reply.mode !== "approved") return "";
  const by = reply.approvedBy;
  if (!by) return "\n\n✅ Approved answer";
  return `\n\n✅ Approved answer, by ${by.platform === "cli" ? by.userId : `${by.userId} (${by.platform})`}`;
}

/** What follows the answer's text: sources, the approval label, the note. */
function trailer(reply: Reply): string {
  return `${formatSources(reply)}${approvedLine(reply)}${reply.note ? `\n\n(${reply.note})` : ""}`;
}

function formatSources(reply: Reply): string {
  const related = reply.notCovered?.related ?? [];
  if (related.length > 0) {
    return `\n\nMaybe related:\n${related.map((page) => `  - ${page.title} — ${page.url}`).join("\n")}`;
  }
  if (reply.sources.length === 0) return "";
  return `\n\nSources:\n${reply.sources.map((source) => `  [${source.n}] ${source.title} — ${source.url}`).join("\n")}`;
}

/**
 * The terminal as a platform: streamed text goes straight to stdout; with `json`, nothing is
 * printed until the final reply, which is one JSON document.
 */
export function createCliPlatform(output: Output, options: { json: boolean }): Platform {
  const write = (text: string) => output.write(text);
  let messages = 0;
  const posted = (): PostedMessage => ({ id: `cli-${++messages}` });
  // A recorded question's id leads the JSON, for `sabio approve --question`.
  const print = (reply: Reply, target: ReplyTarget) => {
    if (options.json)
      printJson(output, {
        ...(target.questionId ? { questionId: target.questionId } : {}),
        ...replyJson(reply),
      });
    else output.out(`${reply.text}${trailer(reply)}`);
  };
  return {
    name: "cli",
    async post(target: ReplyTarget, reply: Reply) {
      print(reply, target);
      return posted();
    },
    async stream(target, streamOptions): Promise<ReplyStream> {
      // A terminal's output can't be taken back: a takeover starts a fresh line, and JSON output
      // is only ever the final document.
      if (streamOptions.takeOver && !options.json) output.note("(continuing an answer that was interrupted)");
      const message = posted();
      await streamOptions.record({ messageId: message.id });
      let streamed = "";
      return {
        async append(text) {
          if (options.json) return;
          streamed += text;
          try {
            write(text);
          } catch {
            // A closed stdout must not end the answer: the final reply still goes out, or fails loudly.
          }
        },
        async reset() {
          if (options.json || streamed === "") return;
          streamed = "";
          write("\n");
          output.note("(that attempt failed; trying again)");
        },
        async finish(reply) {
          if (options.json || streamed === "") print(reply, target);
          else if (reply.notCovered) {
            // The streamed text can't be taken back: say it doesn't count, then give the reply.
            write("\n");
            output.note("(that answer cited none of the documents: not an answer)");
            print(reply, target);
          } else output.out(trailer(reply));
          return message;
        },
      };
    },
    async update(target, _message, reply) {
      print(reply, target);
    },
    async error(_target, text) {
      output.note(text);
    },
  };
}
