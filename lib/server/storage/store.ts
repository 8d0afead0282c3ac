/** What a stored image is, as a stream: the bytes, their length and the type its key says. */
export type StoredFileStream = { body: ReadableStream<Uint8Array>; size: number; type: string };

/**
 * Where stored files live: a local folder or an S3 bucket (ADR 009). Keys are checked before a
 * store sees them; a missing key is a NotFoundError in every store.
 */
export interface FileStore {
  /** Atomic: a reader sees the whole file under the key or nothing. */
  put(key: string, data: Buffer, type: string): Promise<void>;
  read(key: string): Promise<Buffer>;
  open(key: string): Promise<StoredFileStream>;
  /** Deleting a key that is already gone is not an error. */
  remove(key: string): Promise<void>;
}

const KEY = /^[0-9a-f-]{36}\.(png|jpeg|webp)$/;

export type StoredExtension = "png" | "jpeg" | "webp";

/**
 * A stored file's place below the store's root, in both stores: a two-character fan-out folder
 * and the key. The same layout in both lets a folder be copied to a bucket as it is.
 */
export function storedPath(key: string): string {
  if (!KEY.test(key)) throw new Error("Invalid storage key");
  return `${key.slice(0, 2)}/${key}`;
}

/** The MIME type follows from the key, which the server chose when it stored the re-encoded image. */
export function typeOf(key: string): string {
  return `image/${key.slice(key.lastIndexOf(".") + 1)}`;
}
