import yauzl from "yauzl";

export type ZipEntry = { data: Buffer; crc32: number; compressionMethod: number };

/**
 * Every entry of a zip file, read into memory (test bundles are small), with the CRC and method its
 * central directory states. yauzl checks each entry's sizes against that directory as it reads.
 */
export function readZipEntries(file: string): Promise<Map<string, ZipEntry>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, strictFileNames: true, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, ZipEntry>();
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("error", reject);
          stream.on("end", () => {
            entries.set(entry.fileName, { data: Buffer.concat(chunks), crc32: entry.crc32, compressionMethod: entry.compressionMethod });
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(entries));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

/** Every entry's bytes by name. */
export async function readZip(file: string): Promise<Map<string, Buffer>> {
  return new Map([...(await readZipEntries(file))].map(([name, entry]) => [name, entry.data]));
}
