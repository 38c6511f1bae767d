/** Where a reply goes: enough for any platform to find the conversation again. */
export interface ReplyTarget {
  workspaceId: string;
  channelId?: string;
  threadId?: string;
  /** The question's own message (for reactions and threading). */
  messageId?: string;
  userId?: string;
  /** Sabio's id for the question (buttons and feedback refer to it). */
  questionId?: string;
  /** The platform's own team/guild id, when it differs from the Sabio workspace. */
  teamId?: string;
  /** The slash command the question came from (Discord `/ask`): the reply goes into its response. */
  interactionId?: string;
}

export interface CitedSource {
  /** The number the answer text cites, as in "[2]". */
  n: number;
  title: string;
  url: string;
  documentId: string;
}

/** Someone on a chat platform: ids of two platforms may look alike, so both parts are kept. */
export interface PlatformUser {
  platform: string;
  userId: string;
}

/** What reviewers have said of an answer, so every platform can render it the same way. */
export interface ReviewState {
  approvedBy?: PlatformUser;
  /** The approver replaced the text (Correct & approve). */
  corrected?: boolean;
  feedback?: { up: number; down: number };
}

export interface Reply {
  text: string;
  /** "approved": an approved answer reused from the answer bank (see `approvedBy`). */
  mode: "generated" | "extractive" | "approved";
  /** With mode "approved": who approved the answer reused (that approval's, not this reply's review). */
  approvedBy?: PlatformUser;
  model: string | null;
  sources: CitedSource[];
  /** One line for the reader about how the answer was made (e.g. why it is extractive). */
  note?: string;
  /**
   * Set when the team's documents don't cover the question: the text says so, nothing is cited
   * (`sources` is empty), and these pages, which came closest, are offered as "maybe related".
   */
  notCovered?: { related: CitedSource[] };
  /** Approval and votes, when the answer has any (a fresh answer has none). */
  review?: ReviewState;
}

/** A message the platform posted, so it can be updated later. */
export interface PostedMessage {
  id: string;
  /** Every message of the reply, first included, when a long one was split. */
  ids?: string[];
}

/**
 * A platform's own note of the message a reply is being written into (JSON, stored in the
 * `replies` table), enough for any process to take the reply over: Slack keeps the message ts,
 * whether it is a native stream, and the follow-up parts already posted.
 */
export interface ReplyHandle {
  messageId: string;
  [detail: string]: unknown;
}

export interface StreamOptions {
  /**
   * A reply an earlier attempt started (on any process or machine): the platform finishes that
   * same message (stopping a stale stream) instead of posting another.
   */
  takeOver?: ReplyHandle | undefined;
  /**
   * Stores the handle durably. Called before the first token is shown, and again whenever the
   * handle changes; if it rejects, the stream is not returned (nothing unrecorded is shown).
   */
  record(handle: ReplyHandle): Promise<void>;
}

/** A reply being written while the model generates. */
export interface ReplyStream {
  /** Never rejects: a failed showing of the draft is the platform's to log; `finish` still replaces it. */
  append(text: string): Promise<void>;
  /** Throws away streamed text (the model failed and another attempt starts). */
  reset(): Promise<void>;
  /** Replaces the streamed text with the final reply. */
  finish(reply: Reply): Promise<PostedMessage>;
}

/** One earlier message of the conversation a follow-up question belongs to. */
export interface ConversationTurn {
  role: "user" | "assistant";
  text: string;
}

/**
 * How workers talk back to where a question came from. Slack, Discord and the CLI implement it;
 * workers never import a bot, the process entry point wires platforms in.
 */
export interface Platform {
  readonly name: string;
  post(target: ReplyTarget, reply: Reply): Promise<PostedMessage>;
  stream(target: ReplyTarget, options: StreamOptions): Promise<ReplyStream>;
  update(target: ReplyTarget, message: PostedMessage, reply: Reply): Promise<void>;
  /**
   * A short, friendly failure line for the asker; never a stack trace. With `takeOver`, the
   * started reply becomes that line, so no half answer is left standing.
   */
  error(target: ReplyTarget, text: string, takeOver?: ReplyHandle): Promise<void>;
  /**
   * Earlier messages of the thread the question was asked in, oldest first, without the question
   * itself; at most `limit` of them. Platforms without threads leave it out.
   */
  history?(target: ReplyTarget, limit: number): Promise<ConversationTurn[]>;
  /**
   * Who asked (`target.userId`), for answers limited to what they may see (DRIVE_ACCESS=enforce).
   * No email = unknown: they see only what is shared with a whole domain or anyone. Platforms that
   * can't tell (Discord shows no emails) leave it out; a failed look-up resolves to no email.
   */
  asker?(target: ReplyTarget): Promise<Asker>;
}

/** What a platform knows of the person asking. */
export interface Asker {
  email?: string;
}
