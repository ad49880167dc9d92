import { useWilayahNames } from '../labels';

/** A region by its name with its code beside it, "Kota Tangerang (36.71)", for headers that would
 *  otherwise show a bare code; the code alone while the name loads or if it cannot be read. */
export function WilayahName({ kode }: { kode: string }) {
  const [nama] = useWilayahNames([kode]);
  return nama === kode ? (
    <span class="code">{kode}</span>
  ) : (
    <>
      {nama} <span class="code">({kode})</span>
    </>
  );
}
