import type {
  AudioBlockObjectResponse,
  FileBlockObjectResponse,
  ImageBlockObjectResponse,
  PdfBlockObjectResponse,
  VideoBlockObjectResponse,
} from "@notionhq/client";
import { escapeMarkdown } from "./escape-markdown.ts";
import { richTextToMarkdown } from "./rich-text-to-markdown.ts";

type MediaBlock =
  | ImageBlockObjectResponse
  | VideoBlockObjectResponse
  | PdfBlockObjectResponse
  | FileBlockObjectResponse
  | AudioBlockObjectResponse;

const labels: Record<MediaBlock["type"], string> = {
  image: "Image",
  video: "Video",
  pdf: "PDF",
  file: "File",
  audio: "Audio",
};

/**
 * One line naming an image, video, PDF, file or audio block by its caption, else its file name.
 * Never the URL: Notion-hosted URLs are long signed links that expire within the hour.
 */
export function mediaBlockText(block: MediaBlock): string {
  const media = mediaOf(block);
  const caption = richTextToMarkdown(media.caption).trim();
  const url = mediaUrl(media);
  const ownName = block.type === "file" ? block.file.name : "";
  const name: string = ownName !== "" ? ownName : (fileNameFromUrl(url) ?? "");
  const text = caption !== "" ? caption : escapeMarkdown(name);
  return text === "" ? "" : `${labels[block.type]}: ${text}`;
}

function mediaOf(block: MediaBlock) {
  switch (block.type) {
    case "image":
      return block.image;
    case "video":
      return block.video;
    case "pdf":
      return block.pdf;
    case "file":
      return block.file;
    case "audio":
      return block.audio;
  }
}

function mediaUrl(media: ReturnType<typeof mediaOf>): string {
  return media.type === "external" ? media.external.url : media.file.url;
}

/** The last path segment of a URL, decoded, without query or fragment. */
function fileNameFromUrl(url: string): string | undefined {
  try {
    const segment = new URL(url).pathname.split("/").filter(Boolean).at(-1);
    return segment === undefined ? undefined : decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
