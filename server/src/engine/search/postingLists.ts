/**
 * Every token's postings while a search segment is built: for each token number, a growing list
 * of bytes (the LEB128 gaps of segment.ts), all kept in one pool of 32 MB pages, as Lucene keeps
 * its in-memory postings. A list is a chain of slices, each twice as long as the one before (8
 * bytes first, at most 1,024); a slice's last 4 bytes hold where the next one starts, once there
 * is one. So the lists cost their bytes and about half as much again (at 5,000 sources, 17.9 MB
 * of slices for 11.4 MB of postings: most tokens hold a few bytes in a slice of 8), with no copy
 * as they grow, and they are read back in any order of tokens.
 *
 * Example: a token's list holding 10 bytes is a slice of 8 (4 bytes of data, then the address of
 * the next slice) and a slice of 16 (the other 6 bytes; 6 free, then 4 for an address to come).
 */

/**
 * 32 MB pages, of which only the bytes written take memory: the C library (glibc) maps an
 * allocation this large on its own, untouched pages cost nothing, and the whole of it goes back to
 * the system when the build lets it go. Smaller allocations may come from the library's own heap
 * (the size above which it maps them rises as large blocks are freed, up to 32 MB), and memory
 * freed there stays with the process: with 64 KB pages, its heap held 50 MB after a build at 5,000
 * sources, 26–30 MB with these (bench/RESULTS.md).
 */
const PAGE_BITS = 25;
/** Slice sizes by level, the last repeated: the 4 last bytes of each are the next slice's address. */
const SIZES = [8, 16, 32, 64, 128, 256, 512, 1024];

/** Per list, {@link FIELDS} numbers: see {@link AT} … {@link LAST}. */
const FIELDS = 6;
/** Where the list's next byte goes (pool address: page × 32 MB + offset). */
const AT = 0;
/** Where its current slice's address field starts (the slice's data ends there). */
const LIMIT = 1;
/** The level of its current slice (index in SIZES). */
const LEVEL = 2;
/** Where its first slice starts. */
const HEAD = 3;
/** How many bytes it holds. */
const BYTES = 4;
/** 1 + the last block {@link PostingLists.add} gave it, 0 before any. */
const LAST = 5;

export class PostingLists {
  readonly #pageBits: number;
  readonly #page: number;
  readonly #pages: Uint8Array[] = [];
  /** Where the next slice is cut from. */
  #free = 0;
  /** {@link FIELDS} numbers per list. */
  #lists = new Uint32Array(1024 * FIELDS);
  /** How many lists were opened. */
  #count = 0;

  /** With `pageBits`, pages of 2^pageBits bytes (tests use small ones); at least 2^10. */
  constructor(pageBits = PAGE_BITS) {
    this.#pageBits = pageBits;
    this.#page = 2 ** pageBits;
  }

  /** Bytes of the pool's pages cut into slices so far (for tests and measurements). */
  get poolBytes(): number {
    return this.#free;
  }

  /** Opens the list of the next token number (0, 1, 2, … in order); returns it. */
  open(): number {
    const id = this.#count++;
    if ((id + 1) * FIELDS > this.#lists.length) {
      const bigger = new Uint32Array(Math.ceil(this.#lists.length * 1.5));
      bigger.set(this.#lists);
      this.#lists = bigger;
    }
    const slice = this.#slice(SIZES[0]!);
    const f = id * FIELDS;
    this.#lists[f + HEAD] = slice;
    this.#lists[f + AT] = slice;
    this.#lists[f + LIMIT] = slice + SIZES[0]! - 4;
    return id;
  }

  /** How many lists were opened: the number the next {@link open} returns. */
  get count(): number {
    return this.#count;
  }

  /**
   * Records that `block` holds token `id`, as its gap from the list's previous block (the first
   * from 0); blocks come in ascending order, and a block given again is not recorded twice.
   */
  add(id: number, block: number): void {
    const f = id * FIELDS;
    const last = this.#lists[f + LAST]!;
    if (last === block + 1) return;
    this.#lists[f + LAST] = block + 1;
    this.append(id, last === 0 ? block : block - (last - 1));
  }

  /** Appends `n` (≥ 0) to token `id`'s list in LEB128: 7 bits a byte, low bits first. */
  append(id: number, n: number): void {
    const lists = this.#lists;
    const f = id * FIELDS;
    let at = lists[f + AT]!;
    for (;;) {
      if (at === lists[f + LIMIT]) at = this.#next(f, at);
      const last = n < 0x80;
      this.#pages[at >>> this.#pageBits]![at & (this.#page - 1)] = last ? n : (n & 0x7f) | 0x80;
      at++;
      lists[f + BYTES]!++;
      if (last) break;
      n = Math.floor(n / 0x80);
    }
    lists[f + AT] = at;
  }

  /** How many bytes token `id`'s list holds. */
  bytesOf(id: number): number {
    return this.#lists[id * FIELDS + BYTES]!;
  }

  /**
   * Copies token `id`'s list into `out` at `put`, a slice at a time: each call of the returned
   * generator's `next()` copies one slice (at most 1,020 bytes) and yields how many bytes.
   */
  *copy(id: number, out: Uint8Array, put: number): Generator<number, void> {
    let left = this.#lists[id * FIELDS + BYTES]!;
    let at = this.#lists[id * FIELDS + HEAD]!;
    let level = 0;
    while (left > 0) {
      const size = SIZES[Math.min(level, SIZES.length - 1)]!;
      const n = Math.min(left, size - 4);
      const page = this.#pages[at >>> this.#pageBits]!;
      const offset = at & (this.#page - 1);
      out.set(page.subarray(offset, offset + n), put);
      put += n;
      left -= n;
      if (left > 0) at = readU32(page, offset + size - 4);
      level++;
      yield n;
    }
  }

  /** The list at `f` has filled its slice (`at` is its address field): chains a new one. */
  #next(f: number, at: number): number {
    const level = Math.min(this.#lists[f + LEVEL]! + 1, SIZES.length - 1);
    const size = SIZES[level]!;
    const slice = this.#slice(size);
    writeU32(this.#pages[at >>> this.#pageBits]!, at & (this.#page - 1), slice);
    this.#lists[f + LEVEL] = level;
    this.#lists[f + LIMIT] = slice + size - 4;
    return slice;
  }

  /** A new slice of `size` bytes, within one page. */
  #slice(size: number): number {
    const page = this.#page;
    if (this.#free >>> this.#pageBits >= this.#pages.length || (this.#free & (page - 1)) + size > page) {
      this.#pages.push(new Uint8Array(page));
      this.#free = (this.#pages.length - 1) * page;
    }
    const slice = this.#free;
    this.#free += size;
    return slice;
  }
}

function writeU32(page: Uint8Array, offset: number, v: number): void {
  page[offset] = v & 0xff;
  page[offset + 1] = (v >>> 8) & 0xff;
  page[offset + 2] = (v >>> 16) & 0xff;
  page[offset + 3] = v >>> 24;
}

function readU32(page: Uint8Array, offset: number): number {
  return (
    (page[offset]! | (page[offset + 1]! << 8) | (page[offset + 2]! << 16) | (page[offset + 3]! << 24)) >>> 0
  );
}
