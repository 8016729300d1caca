/** The few file operations the write protocol needs, each made durable (fsync) where it matters. */
import { copyFile, link, open, rename, unlink } from 'node:fs/promises';
import { PRIVATE_FILE_MODE } from '../private-files';

/** Creates `path` (must not exist), writes `data`, fsyncs and closes it. */
export async function writeNewFileDurably(path: string, data: string): Promise<void> {
  const handle = await open(path, 'wx', PRIVATE_FILE_MODE);
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Makes the renames in `dir` durable. Linux needs it; Windows cannot open a directory for fsync (EPERM/EISDIR),
 * and its rename is already durable through NTFS's journal, so there the failure is ignored.
 */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    if (!isCode(error, 'EPERM', 'EISDIR', 'EINVAL', 'EBADF')) throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * A second name for `source`'s content at `target` (which must not exist): a hard link where the file system has
 * them (no data copied, the content is already durable), otherwise a durable copy.
 */
export async function linkOrCopyDurably(source: string, target: string): Promise<void> {
  try {
    await link(source, target);
    return;
  } catch (error) {
    if (!isCode(error, 'EPERM', 'ENOTSUP', 'EXDEV', 'ENOSYS', 'EMLINK')) throw error;
  }
  await copyFile(source, target);
  const handle = await open(target, 'r+');
  try {
    await handle.chmod(PRIVATE_FILE_MODE);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function removeIfPresent(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if (!isCode(error, 'ENOENT')) throw error;
  }
}

export { rename };

export function isCode(error: unknown, ...codes: string[]): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && codes.includes(error.code);
}
