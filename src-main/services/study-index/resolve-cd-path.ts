import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * CD file names as written in DICOMDIRs rarely match the disc exactly: ISO 9660 uppercases names and may add a
 * ";1" version suffix or a trailing dot, while the mounted file system may show lower case. Compare in this form.
 */
export function cdNameKey(name: string): string {
  return name.replace(/;\d+$/u, '').replace(/\.$/u, '').toUpperCase();
}

/** Resolves DICOMDIR path components one at a time, case-insensitively; directory listings are cached. */
export class CdPathResolver {
  private readonly listings = new Map<string, Promise<string[]>>();

  private list(dir: string): Promise<string[]> {
    let listing = this.listings.get(dir);
    if (!listing) {
      listing = readdir(dir).catch(() => []);
      this.listings.set(dir, listing);
    }
    return listing;
  }

  /** The existing path for `components` under `base`, or undefined when some component has no match. */
  async resolve(base: string, components: ReadonlyArray<string>): Promise<string | undefined> {
    let current = base;
    for (const component of components) {
      const names = await this.list(current);
      const wanted = cdNameKey(component);
      const match = names.find((n) => n === component) ?? names.find((n) => cdNameKey(n) === wanted);
      if (match === undefined) return undefined;
      current = join(current, match);
    }
    return current;
  }
}
