import type { DocumentCollection, DocumentStore } from '@dms/store';
import { PackageChunkMissingError } from '../domain/packages.errors';

interface ChunkRecord {
  /** `<packageId>:<index>` */
  _id: string;
  packageId: string;
  index: number;
  data: string;
}

/**
 * Package bytes in `firmware_package_chunks`, one document per chunk (base64). Chunks are
 * put, not inserted: a retry after a crash overwrites the orphans of the half-written upload.
 */
export class PackageChunkStore {
  private readonly collection: DocumentCollection<ChunkRecord>;

  constructor(
    store: DocumentStore,
    readonly chunkBytes: number,
  ) {
    this.collection = store.collection<ChunkRecord>('firmware_package_chunks');
  }

  /** Writes every chunk; answers how many. */
  async write(packageId: string, bytes: Buffer): Promise<number> {
    const count = Math.ceil(bytes.length / this.chunkBytes);
    for (let index = 0; index < count; index++) {
      const data = bytes.subarray(index * this.chunkBytes, (index + 1) * this.chunkBytes).toString('base64');
      await this.collection.put({ _id: `${packageId}:${index}`, packageId, index, data });
    }
    return count;
  }

  /**
   * Yields the bytes start..end (inclusive) one chunk at a time, so a download holds one
   * chunk in memory. A consumer that stops (client gone) ends the reads at the next chunk.
   */
  async *read(packageId: string, start: number, end: number): AsyncGenerator<Buffer> {
    const first = Math.floor(start / this.chunkBytes);
    const last = Math.floor(end / this.chunkBytes);
    for (let index = first; index <= last; index++) {
      const record = await this.collection.get(`${packageId}:${index}`);
      if (record === null) throw new PackageChunkMissingError(packageId, index);
      const offset = index * this.chunkBytes;
      const bytes = Buffer.from(record.data, 'base64');
      yield bytes.subarray(Math.max(0, start - offset), Math.min(bytes.length, end - offset + 1));
    }
  }

  /** Chunk ids of a package (tests and repair tools). */
  async count(packageId: string): Promise<number> {
    return this.collection.count({ packageId });
  }
}
