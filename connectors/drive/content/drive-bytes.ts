import type { drive_v3 } from "@googleapis/drive";

/** The bytes, or that there were more than the cap (the download was stopped there). */
export type CappedBytes = { bytes: Uint8Array } | { tooLarge: true };

/** A file's bytes (`alt: 'media'`), streamed and stopped past `maxBytes`. */
export async function downloadDriveFile(
  api: drive_v3.Drive,
  fileId: string,
  maxBytes: number,
): Promise<CappedBytes> {
  const response = await api.files.get(
    { fileId, alt: "media", supportsAllDrives: true },
    { responseType: "stream" },
  );
  return readCapped(response.data as unknown as AsyncIterable<Uint8Array>, maxBytes);
}

/** A Google Docs/Sheets/Slides export in `mimeType`, streamed and stopped past `maxBytes`. */
export async function exportDriveFile(
  api: drive_v3.Drive,
  fileId: string,
  mimeType: string,
  maxBytes: number,
): Promise<CappedBytes> {
  const response = await api.files.export({ fileId, mimeType }, { responseType: "stream" });
  return readCapped(response.data as unknown as AsyncIterable<Uint8Array>, maxBytes);
}

/** Leaving the loop early cancels the body: the rest of an oversized file is never transferred. */
async function readCapped(body: AsyncIterable<Uint8Array>, maxBytes: number): Promise<CappedBytes> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) return { tooLarge: true };
    chunks.push(chunk);
  }
  return { bytes: Buffer.concat(chunks) };
}
