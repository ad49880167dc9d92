// Addresses of screens other screens link to, in one place.

/** One region in the wilayah browser. The code is a query parameter, not a path segment: the
 *  server answers a last path segment with a dot ("/wilayah/36.71") as a missing file (404)
 *  instead of serving index.html. */
export const wilayahHref = (kode: string) => `/wilayah?kode=${encodeURIComponent(kode)}`;

export const searchHref = (q: string) => `/cari?q=${encodeURIComponent(q)}`;
