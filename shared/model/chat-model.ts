export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  /** Called with each piece of text as the model produces it. */
  onToken?: (text: string) => void;
  signal?: AbortSignal;
  /** Sampling temperature; low for grounded answers. */
  temperature?: number;
}

export interface ChatResult {
  text: string;
  model: string;
  promptTokens: number;
  completionTokens: number;
  /** Time inside the model server, as it reports it. */
  totalDurationMs: number;
}

/** The kinds of model server Sabio talks to (MODEL_PROVIDER). */
export type ModelProvider = "ollama" | "openai";

/** A chat model server. One adapter per vendor: Ollama, OpenAI-compatible APIs. */
export interface ChatModel {
  /** Streams a reply. Throws AppError: model_not_found (not pulled), unavailable (unreachable), timeout. */
  chat(request: ChatRequest): Promise<ChatResult>;
  /** Names of the models the server has (e.g. "gemma4:e4b"). */
  listModels(signal?: AbortSignal): Promise<string[]>;
  /** Where the server is, for hints ("tried http://127.0.0.1:11434"). */
  readonly host: string;
  /** Which kind of server, so hints name the right fix; unset means Ollama. */
  readonly provider?: ModelProvider;
}
