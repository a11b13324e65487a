/**
 * Checks an XLSX file's ZIP container before ExcelJS reads it: every entry the central directory
 * lists must inflate to its recorded size and CRC-32. ExcelJS's streaming reader pipes each entry
 * through a stream that drops inflate errors, so a damaged entry made an import wait forever
 * (found by fuzzing, issue 12); here the damage is named instead. Entries are inflated as streams,
 * one at a time: memory stays flat whatever the workbook's size.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw, crc32 } from 'node:zlib';

interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const ZIP64_MARK = 0xffffffff;

/** Returns what is wrong with the container, or undefined when every entry checks out. */
export async function findZipDamage(path: string): Promise<string | undefined> {
  const handle = await open(path, 'r');
  let entries: ZipEntry[];
  try {
    const { size } = await handle.stat();
    const tailLength = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return 'no ZIP end record (not a workbook, or cut short)';
    const count = tail.readUInt16LE(eocd + 10);
    const directorySize = tail.readUInt32LE(eocd + 12);
    const directoryOffset = tail.readUInt32LE(eocd + 16);
    // ZIP64 archives (over 4 GB or 65,535 entries) are left to the reader.
    if (directoryOffset === ZIP64_MARK || directorySize === ZIP64_MARK) return undefined;
    if (directoryOffset + directorySize > size)
      return 'the ZIP directory lies beyond the end of the file';
    const directory = Buffer.alloc(directorySize);
    await handle.read(directory, 0, directorySize, directoryOffset);
    entries = [];
    let at = 0;
    for (let n = 0; n < count; n++) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_SIGNATURE) {
        return `the ZIP directory is damaged at entry ${n + 1}`;
      }
      const nameLength = directory.readUInt16LE(at + 28);
      const entry: ZipEntry = {
        method: directory.readUInt16LE(at + 10),
        crc: directory.readUInt32LE(at + 16),
        compressedSize: directory.readUInt32LE(at + 20),
        size: directory.readUInt32LE(at + 24),
        localHeaderOffset: directory.readUInt32LE(at + 42),
        name: directory.toString('utf8', at + 46, at + 46 + nameLength),
      };
      if (entry.compressedSize === ZIP64_MARK || entry.size === ZIP64_MARK) return undefined;
      entries.push(entry);
      at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    }
    for (const entry of entries) {
      const local = Buffer.alloc(30);
      const { bytesRead } = await handle.read(local, 0, 30, entry.localHeaderOffset);
      if (bytesRead < 30 || local.readUInt32LE(0) !== LOCAL_SIGNATURE) {
        return `ZIP entry ${entry.name}: its header is damaged`;
      }
      entry.localHeaderOffset += 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      if (entry.localHeaderOffset + entry.compressedSize > size) {
        return `ZIP entry ${entry.name}: its data run past the end of the file`;
      }
    }
  } finally {
    await handle.close();
  }
  for (const entry of entries) {
    const damage = await checkEntry(path, entry);
    if (damage) return `ZIP entry ${entry.name}: ${damage}`;
  }
  return undefined;
}

async function checkEntry(path: string, entry: ZipEntry): Promise<string | undefined> {
  if (entry.method !== 0 && entry.method !== 8)
    return `unsupported compression method ${entry.method}`;
  if (entry.compressedSize === 0) return entry.size === 0 ? undefined : 'no data';
  const raw = createReadStream(path, {
    start: entry.localHeaderOffset,
    end: entry.localHeaderOffset + entry.compressedSize - 1,
  });
  const data = entry.method === 8 ? raw.pipe(createInflateRaw()) : raw;
  raw.on('error', (error) => data.destroy(error));
  let crc = 0;
  let size = 0;
  try {
    for await (const chunk of data) {
      crc = crc32(chunk as Buffer, crc);
      size += (chunk as Buffer).length;
      if (size > entry.size) return 'more data than its recorded size';
    }
  } catch (error) {
    return `damaged compressed data (${(error as Error).message})`;
  } finally {
    raw.destroy();
  }
  if (size !== entry.size) return `${size} bytes instead of ${entry.size}`;
  if (crc >>> 0 !== entry.crc) return 'CRC-32 mismatch';
  return undefined;
}
