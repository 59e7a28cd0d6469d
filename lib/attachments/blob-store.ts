import { randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { chmod, copyFile, constants, link, mkdir, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHA256_HEX = /^[0-9a-f]{64}$/i;
const FILE_MODE = 0o640;
const DIR_MODE = 0o750;

/** Content-addressed attachment files of all organizations. */
export interface BlobStore {
  /** Moves a finished temp file into place; `created: false` when that content was stored already. */
  put(orgId: string, sha256: string, tmpPath: string): Promise<{ path: string; created: boolean }>;
  /** Where a blob lives (whether or not it exists). */
  path(orgId: string, sha256: string): string;
  /** A stream of the blob; a missing blob surfaces as an ENOENT `error` event on it. */
  open(orgId: string, sha256: string): ReadStream;
  /** Deletes a blob; true when there was one. */
  remove(orgId: string, sha256: string): Promise<boolean>;
}

function errnoCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | null)?.code;
}

/**
 * Only these shapes ever reach a path, so no id can climb out of the root (`../`), and case is
 * folded so one content never gets two names.
 */
function blobPath(root: string, orgId: string, sha256: string): string {
  if (!UUID.test(orgId)) throw new TypeError(`Blob store: org id must be a UUID, got ${JSON.stringify(orgId)}`);
  if (!SHA256_HEX.test(sha256)) throw new TypeError('Blob store: sha256 must be 64 hex digits');
  const sha = sha256.toLowerCase();
  return join(root, orgId.toLowerCase(), sha.slice(0, 2), sha);
}

/**
 * Places `from` at `to` unless `to` exists. A hard link fails with EEXIST instead of replacing,
 * which makes the existence check and the move one atomic step even with concurrent uploads.
 */
async function linkNoClobber(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (err) {
    if (errnoCode(err) === 'EEXIST') return false;
    throw err;
  }
}

/**
 * Opens the store under `rootDir`, which must lie outside every folder a web server serves.
 * Layout: `<root>/<orgId>/<sha[0:2]>/<sha>`; files 0640, folders 0750. The caller vouches that
 * `sha256` is the digest of the temp file (readUpload computes it while streaming).
 *
 * @example
 * const blobs = createBlobStore('/var/lib/atum/blobs');
 * const { created } = await blobs.put(orgId, upload.sha256, upload.tmpPath);
 * return c.body(Readable.toWeb(blobs.open(orgId, upload.sha256)));
 */
export function createBlobStore(rootDir: string): BlobStore {
  const root = resolve(rootDir);

  return {
    path: function blobStorePath(orgId, sha256) {
      return blobPath(root, orgId, sha256);
    },

    put: async function blobStorePut(orgId, sha256, tmpPath) {
      const target = blobPath(root, orgId, sha256);
      await mkdir(dirname(target), { recursive: true, mode: DIR_MODE });
      await chmod(tmpPath, FILE_MODE);
      let created: boolean;
      try {
        created = await linkNoClobber(tmpPath, target);
      } catch (err) {
        // Temp folder on another file system (EXDEV) or one without hard links: copy next to
        // the target first, so the final step is still an atomic link in one folder.
        if (!['EXDEV', 'EPERM', 'ENOTSUP'].includes(errnoCode(err) ?? '')) throw err;
        const staging = join(dirname(target), `.tmp-${randomUUID()}`);
        try {
          await copyFile(tmpPath, staging, constants.COPYFILE_EXCL);
          await chmod(staging, FILE_MODE);
          created = await linkNoClobber(staging, target);
        } finally {
          await rm(staging, { force: true });
        }
      }
      await rm(tmpPath, { force: true });
      return { path: target, created };
    },

    open: function blobStoreOpen(orgId, sha256) {
      return createReadStream(blobPath(root, orgId, sha256));
    },

    remove: async function blobStoreRemove(orgId, sha256) {
      try {
        await rm(blobPath(root, orgId, sha256));
        return true;
      } catch (err) {
        if (errnoCode(err) === 'ENOENT') return false;
        throw err;
      }
    },
  };
}
