import { createReadStream } from "node:fs";
import { once } from "node:events";
import type { Readable, Writable } from "node:stream";
import { finished } from "node:stream/promises";
import zlib from "node:zlib";

type EntryOptions = { compress: boolean };
type Written = { name: Buffer; method: 0 | 8; crc: number; compressedSize: number; size: number; offset: number };

const UINT32_MAX = 0xffffffff;
const UINT16_MAX = 0xffff;
// Bit 3: sizes and CRC follow the data (they are not known when the header is written); bit 11: UTF-8 names.
const FLAGS = 0x0808;
const VERSION_ZIP64 = 45;
const VERSION_DEFLATE = 20;
const MADE_BY_UNIX = (3 << 8) | VERSION_ZIP64;
const REGULAR_FILE_644 = (0o100644 << 16) >>> 0;
// Bigger than zlib's 16 KiB default: fewer trips to the thread pool for the same bytes.
const DEFLATE_CHUNK = 256 * 1024;

/**
 * A streaming ZIP writer (PKWARE APPNOTE 6.3): entries are written one after another in the order they
 * are added, each from a stream, with ZIP64 records where a size or offset needs them. It exists because
 * the export's bottleneck was the JavaScript CRC-32 of the zip library it replaces; here the CRC is
 * zlib's, and deflate runs on the thread pool in large chunks.
 */
export class ZipWriter {
  private readonly written: Written[] = [];
  private offset = 0;
  private tail: Promise<void> = Promise.resolve();
  private readonly time: number;
  private readonly date: number;
  private fail: (error: unknown) => void = () => {};
  /** Rejects with the first failure of an entry or of `out`: a producer waiting to write races it. */
  readonly failure = new Promise<never>((_, reject) => (this.fail = reject));

  constructor(
    private readonly out: Writable,
    private readonly options: { level?: number; forceZip64?: boolean; now?: Date } = {},
  ) {
    [this.time, this.date] = dosDateTime(options.now ?? new Date());
    this.failure.catch(() => {});
    out.on("error", (error) => this.fail(error));
  }

  /** Queues an entry; its data is read from `source` once the entries before it are written. */
  addStream(name: string, source: Readable, options: EntryOptions): void {
    this.enqueue(() => this.writeEntry(name, source, options));
  }

  addFile(name: string, file: string, options: EntryOptions): void {
    this.enqueue(() => this.writeEntry(name, createReadStream(file, { highWaterMark: DEFLATE_CHUNK }), options));
  }

  addBuffer(name: string, data: Buffer, options: EntryOptions): void {
    this.enqueue(() => this.writeEntry(name, [data], options));
  }

  /** Writes the central directory after the queued entries and ends `out`. Rejects with the first failure. */
  async end(): Promise<void> {
    await Promise.race([this.tail, this.failure]);
    await this.writeCentralDirectory();
    this.out.end();
    await finished(this.out);
  }

  private enqueue(step: () => Promise<void>) {
    this.tail = this.tail.then(step);
    this.tail.catch((error: unknown) => this.fail(error));
  }

  private async write(chunk: Buffer) {
    this.offset += chunk.length;
    if (!this.out.write(chunk)) await Promise.race([once(this.out, "drain"), this.failure]);
  }

  private async writeEntry(name: string, source: AsyncIterable<Buffer> | Iterable<Buffer>, options: EntryOptions) {
    const nameBytes = Buffer.from(name, "utf8");
    const entry: Written = { name: nameBytes, method: options.compress ? 8 : 0, crc: 0, compressedSize: 0, size: 0, offset: this.offset };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(VERSION_ZIP64, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(entry.method, 8);
    header.writeUInt16LE(this.time, 10);
    header.writeUInt16LE(this.date, 12);
    // CRC and sizes (14–25) stay zero: the data descriptor carries them.
    header.writeUInt16LE(nameBytes.length, 26);
    await this.write(Buffer.concat([header, nameBytes]));

    if (options.compress) {
      const deflate = zlib.createDeflateRaw({ level: this.options.level ?? 1, chunkSize: DEFLATE_CHUNK });
      const feeding = (async () => {
        for await (const chunk of source) {
          entry.crc = zlib.crc32(chunk, entry.crc);
          entry.size += chunk.length;
          if (!deflate.write(chunk)) await once(deflate, "drain");
        }
        deflate.end();
      })();
      feeding.catch((error: unknown) => deflate.destroy(error instanceof Error ? error : new Error(String(error))));
      for await (const compressed of deflate as AsyncIterable<Buffer>) {
        entry.compressedSize += compressed.length;
        await this.write(compressed);
      }
      await feeding;
    } else {
      for await (const chunk of source) {
        entry.crc = zlib.crc32(chunk, entry.crc);
        entry.size += chunk.length;
        entry.compressedSize += chunk.length;
        await this.write(chunk);
      }
    }

    // As Go's archive/zip does: 8-byte sizes in the descriptor when the entry needs ZIP64; readers take the
    // sizes from the central directory, which carries them in its ZIP64 extra field.
    const zip64 = this.needsZip64(entry);
    const descriptor = Buffer.alloc(zip64 ? 24 : 16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc, 4);
    if (zip64) {
      descriptor.writeBigUInt64LE(BigInt(entry.compressedSize), 8);
      descriptor.writeBigUInt64LE(BigInt(entry.size), 16);
    } else {
      descriptor.writeUInt32LE(entry.compressedSize, 8);
      descriptor.writeUInt32LE(entry.size, 12);
    }
    await this.write(descriptor);
    this.written.push(entry);
  }

  private needsZip64(entry: Written): boolean {
    return Boolean(this.options.forceZip64) || entry.size >= UINT32_MAX || entry.compressedSize >= UINT32_MAX || entry.offset >= UINT32_MAX;
  }

  private async writeCentralDirectory() {
    const start = this.offset;
    for (const entry of this.written) {
      const zip64 = this.needsZip64(entry);
      const extra = Buffer.alloc(zip64 ? 28 : 0);
      if (zip64) {
        extra.writeUInt16LE(0x0001, 0);
        extra.writeUInt16LE(24, 2);
        extra.writeBigUInt64LE(BigInt(entry.size), 4);
        extra.writeBigUInt64LE(BigInt(entry.compressedSize), 12);
        extra.writeBigUInt64LE(BigInt(entry.offset), 20);
      }
      const record = Buffer.alloc(46);
      record.writeUInt32LE(0x02014b50, 0);
      record.writeUInt16LE(MADE_BY_UNIX, 4);
      record.writeUInt16LE(zip64 ? VERSION_ZIP64 : VERSION_DEFLATE, 6);
      record.writeUInt16LE(FLAGS, 8);
      record.writeUInt16LE(entry.method, 10);
      record.writeUInt16LE(this.time, 12);
      record.writeUInt16LE(this.date, 14);
      record.writeUInt32LE(entry.crc, 16);
      record.writeUInt32LE(zip64 ? UINT32_MAX : entry.compressedSize, 20);
      record.writeUInt32LE(zip64 ? UINT32_MAX : entry.size, 24);
      record.writeUInt16LE(entry.name.length, 28);
      record.writeUInt16LE(extra.length, 30);
      // Comment length, disk number and internal attributes (32–37) are zero.
      record.writeUInt32LE(REGULAR_FILE_644, 38);
      record.writeUInt32LE(zip64 ? UINT32_MAX : entry.offset, 42);
      await this.write(Buffer.concat([record, entry.name, extra]));
    }
    const size = this.offset - start;
    const count = this.written.length;
    if (this.options.forceZip64 || count >= UINT16_MAX || size >= UINT32_MAX || start >= UINT32_MAX) {
      const recordOffset = this.offset;
      const record = Buffer.alloc(56);
      record.writeUInt32LE(0x06064b50, 0);
      record.writeBigUInt64LE(44n, 4);
      record.writeUInt16LE(MADE_BY_UNIX, 12);
      record.writeUInt16LE(VERSION_ZIP64, 14);
      // Disk numbers (16–23) are zero.
      record.writeBigUInt64LE(BigInt(count), 24);
      record.writeBigUInt64LE(BigInt(count), 32);
      record.writeBigUInt64LE(BigInt(size), 40);
      record.writeBigUInt64LE(BigInt(start), 48);
      const locator = Buffer.alloc(20);
      locator.writeUInt32LE(0x07064b50, 0);
      locator.writeBigUInt64LE(BigInt(recordOffset), 8);
      locator.writeUInt32LE(1, 16);
      await this.write(Buffer.concat([record, locator]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(Math.min(count, UINT16_MAX), 8);
    end.writeUInt16LE(Math.min(count, UINT16_MAX), 10);
    end.writeUInt32LE(Math.min(size, UINT32_MAX), 12);
    end.writeUInt32LE(Math.min(start, UINT32_MAX), 16);
    await this.write(end);
  }
}

/** MS-DOS time and date (local time, two-second resolution), as every ZIP header carries them. */
function dosDateTime(at: Date): [number, number] {
  const year = Math.max(1980, at.getFullYear());
  const time = (at.getHours() << 11) | (at.getMinutes() << 5) | Math.floor(at.getSeconds() / 2);
  const date = ((year - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate();
  return [time, date];
}
