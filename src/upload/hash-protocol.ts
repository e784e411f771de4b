/** Messages between the page and the hashing worker. */
export type HashRequest =
  | { id: number; op: 'crc32'; blob: Blob }
  | { id: number; op: 'sha256'; blob: Blob; partSize?: number }
  | { id: number; op: 'cancel'; target: number };

export type HashReply =
  | { id: number; kind: 'progress'; hashed: number }
  | { id: number; kind: 'part-crc'; partNumber: number; value: string }
  | { id: number; kind: 'result'; value: string }
  | { id: number; kind: 'error'; message: string; name: string };
